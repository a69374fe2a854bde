package org.filiere.importing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ImportJobViewTest {

    @Test
    void a_job_read_while_it_starts_is_either_queued_without_a_start_time_or_running_with_one() throws InterruptedException {
        AtomicReference<ImportJob> current = new AtomicReference<>(new ImportJob("j", "d", "admin", 1));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger inconsistent = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                ImportJob.View v = current.get().view();
                reads.incrementAndGet();
                if ((v.status() == ImportJob.Status.queued) != (v.startedAt() == null)) inconsistent.incrementAndGet();
            }
        });
        reader.start();
        for (int i = 0; i < 300_000; i++) {
            ImportJob job = new ImportJob("j" + i, "d", "admin", 1);
            current.set(job);
            job.running(Instant.now());
        }
        done.set(true);
        reader.join();
        assertThat(reads.get()).isPositive();
        assertThat(inconsistent.get()).isZero();
    }
}

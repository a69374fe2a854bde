package org.filiere.importing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One import: accepted after validation, then written by the job executor. Its {@link View} is
 * the JSON of {@code POST/GET /api/imports}; the job thread updates the counters, request threads
 * read them.
 */
final class ImportJob {

    enum Status { queued, running, succeeded, failed }

    public record Counts(long created, long matched) {
    }

    /** The answer of POST /api/imports (202) and GET /api/imports/{id}; see docs/importing.md. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(String id, String dataset, Status status, long rowsDone, long rowsTotal, Counts nodes,
                       Counts relationships, long flagged, long skipped, List<ImportError> errors, String startedAt,
                       String finishedAt, String importedBy) {
    }

    final String id;
    final String dataset;
    final String importedBy;
    final long rowsTotal;
    final AtomicLong rowsDone = new AtomicLong();
    final AtomicLong nodesCreated = new AtomicLong();
    final AtomicLong nodesMatched = new AtomicLong();
    final AtomicLong relsCreated = new AtomicLong();
    final AtomicLong relsMatched = new AtomicLong();
    final AtomicLong flagged = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    private final List<ImportError> errors = new ArrayList<>();
    private volatile Status status = Status.queued;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;

    ImportJob(String id, String dataset, String importedBy, long rowsTotal) {
        this.id = id;
        this.dataset = dataset;
        this.importedBy = importedBy;
        this.rowsTotal = rowsTotal;
    }

    // Synchronized with view(): a job read between the two writes answered "queued" with a start time.
    synchronized void running(Instant at) {
        startedAt = at;
        status = Status.running;
    }

    synchronized void succeeded() {
        rowsDone.set(rowsTotal);
        finishedAt = Instant.now();
        status = Status.succeeded;
    }

    /** The transaction was rolled back: nothing of this import is in the graph, so the counts go back to zero. */
    synchronized void failed(ImportError error) {
        errors.add(error);
        nodesCreated.set(0);
        nodesMatched.set(0);
        relsCreated.set(0);
        relsMatched.set(0);
        flagged.set(0);
        finishedAt = Instant.now();
        status = Status.failed;
    }

    /** A remark on a job that did not fail (kept in its errors, where clients look for what to know). */
    synchronized void note(String message) {
        errors.add(new ImportError(null, null, null, null, message));
    }

    Status status() {
        return status;
    }

    Instant startedAt() {
        return startedAt;
    }

    synchronized View view() {
        return new View(id, dataset, status, Math.min(rowsDone.get(), rowsTotal), rowsTotal,
                new Counts(nodesCreated.get(), nodesMatched.get()), new Counts(relsCreated.get(), relsMatched.get()),
                flagged.get(), skipped.get(), List.copyOf(errors), startedAt == null ? null : startedAt.toString(),
                finishedAt == null ? null : finishedAt.toString(), importedBy);
    }
}

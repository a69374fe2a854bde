package org.filiere.robustness;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight clients send mixed traversals for a minute ({@code -Dfiliere.load.seconds} to change it)
 * while one import of 20,000 firms runs. No request fails, and no reader ever sees a half-applied
 * import: the imported anchor firm is either absent or present with all 300 of its suppliers, and
 * the dataset's node count is either 0 or complete, at every observation. Throughput and latency
 * are printed and written to {@code target/robustness/load.txt}.
 */
class LoadWithImportTest extends ApiTest {

    static final String DATASET = "load-test";
    static final int CLIENTS = 8;
    static final int ANCHOR_SUPPLIERS = 300;
    static final int FILLER = 20_000;
    static final long SECONDS = Long.getLong("filiere.load.seconds", 60);

    static final List<String> READS = List.of(
            "/api/search?q=renault", "/api/search?q=cevital~", "/api/entities/renault",
            "/api/graph/neighbourhood/renault", "/api/graph/neighbourhood/renault?depth=2",
            "/api/graph/tiers/renault-tanger", "/api/graph/ownership/renault", "/api/graph/ownership/cevital",
            "/api/graph/paths?from=cevital&to=renault", "/api/analytics/exposure/renault", "/api/analytics/flows");

    @AfterEach
    void removeImport() {
        Graph.deleteDataset(DATASET);
    }

    @Test
    void eight_clients_see_no_error_and_never_a_half_applied_import() throws Exception {
        long total = 1 + ANCHOR_SUPPLIERS + FILLER;
        AtomicLong requests = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> observedCounts = new ConcurrentLinkedQueue<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                Api mine = new Api(port);
                for (int i = client; System.nanoTime() < deadline; i++) {
                    String path = READS.get(i % READS.size());
                    long start = System.nanoTime();
                    Api.Response r = mine.get(path);
                    latencies.add((System.nanoTime() - start) / 1_000);
                    requests.incrementAndGet();
                    if (r.status() != 200) errors.add(path + " → " + r.status() + " " + r.body());
                    // Every other request, look at the import as a reader would.
                    if (i % 2 == 0) {
                        Api.Response anchor = mine.get("/api/graph/neighbourhood/load-anchor?limit=500");
                        requests.incrementAndGet();
                        if (anchor.status() == 200) {
                            int suppliers = anchor.json().get("edges").size();
                            if (suppliers != ANCHOR_SUPPLIERS) errors.add("half-applied import: anchor with " + suppliers + " suppliers");
                        } else if (anchor.status() != 404) {
                            errors.add("anchor → " + anchor.status() + " " + anchor.body());
                        }
                        observedCounts.add(Graph.count("MATCH (n:Entity {dataset: $d}) RETURN count(n)", Map.of("d", DATASET)));
                    }
                }
                return null;
            }));
        }

        // The import starts once the readers are running, and is checked to finish inside the window.
        Thread.sleep(Math.min(5_000, SECONDS * 250));
        Api.Response imported = api.postMultipart("/api/imports", Map.of("dataset", DATASET), Map.of(
                "nodes", Map.entry("nodes.csv", nodes()), "relationships", Map.entry("relationships.csv", relationships())),
                "admin", ADMIN_PASSWORD);
        assertThat(imported.status()).as(imported.body()).isIn(200, 201, 202);
        awaitImport(imported);
        for (Future<?> f : clients) f.get();
        pool.shutdown();

        long finalCount = Graph.count("MATCH (n:Entity {dataset: $d}) RETURN count(n)", Map.of("d", DATASET));
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String figures = String.format("load: %d clients x %d s, %d requests (%.0f/s), errors %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; "
                        + "import of %d nodes + %d relationships; dataset counts seen by readers: %s",
                CLIENTS, SECONDS, requests.get(), requests.get() / (double) SECONDS, errors.size(),
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), total, ANCHOR_SUPPLIERS + FILLER,
                observedCounts.stream().distinct().sorted().toList());
        System.out.println(figures);
        Path out = Path.of("target/robustness/load.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figures + System.lineSeparator() + String.join(System.lineSeparator(), errors.stream().limit(50).toList()));

        assertThat(errors).as("errors during the load run").isEmpty();
        assertThat(finalCount).isEqualTo(total);
        assertThat(observedCounts).as("every reader observation is before or after the import").allMatch(n -> n == 0 || n == total);
        assertThat(observedCounts).as("readers observed the graph before the import").contains(0L);
        assertThat(requests.get()).isGreaterThan(CLIENTS);
    }

    /** A job answer (202) is polled until it ends; a synchronous answer (200/201) is already final. */
    private void awaitImport(Api.Response answer) throws InterruptedException {
        if (answer.status() != 202) return;
        String id = answer.json().get("id").asString();
        for (int i = 0; i < 1200; i++) {
            Api.Response job = api.get("/api/imports/" + id);
            String status = job.json().get("status").asString();
            if (status.equals("succeeded")) return;
            assertThat(status).as(job.body()).isIn("queued", "running");
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish in 2 minutes");
    }

    private static double pct(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) return 0;
        return sortedMicros.get(Math.min(sortedMicros.size() - 1, (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1)) / 1000.0;
    }

    private static byte[] nodes() {
        StringBuilder b = new StringBuilder("id,name,type,country\nload-anchor,Load Anchor,Company,MA\n");
        for (int i = 1; i <= ANCHOR_SUPPLIERS; i++) b.append("load-supplier-").append(i).append(",Load Supplier ").append(i).append(",Company,TN\n");
        for (int i = 1; i <= FILLER; i++) b.append("load-filler-").append(i).append(",Load Filler ").append(i).append(",Company,EG\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] relationships() {
        StringBuilder b = new StringBuilder("source,target,type,year\n");
        for (int i = 1; i <= ANCHOR_SUPPLIERS; i++) b.append("load-supplier-").append(i).append(",load-anchor,SUPPLIES,2020\n");
        for (int i = 1; i <= FILLER; i++) b.append("load-filler-").append(i).append(",load-supplier-").append(i % ANCHOR_SUPPLIERS + 1).append(",SUPPLIES,2021\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}

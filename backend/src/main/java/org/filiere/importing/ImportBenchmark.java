package org.filiere.importing;

import org.filiere.FiliereApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Imports a large native CSV upload through the real API path (multipart upload, streamed
 * validation, import job) into a fresh embedded database, and prints the time, rows/s
 * and peak heap (docs/benchmarks/import.md):
 * <pre>
 * java -Xmx2g -cp backend/target/filiere.jar -Dloader.main=org.filiere.importing.ImportBenchmark \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --rows 1000000 --nodes 100000 --dir /tmp/import-bench
 * </pre>
 * The app and its embedded Neo4j share this JVM, as in a default deployment, so the heap figures
 * cover both the upload handling and the transaction state.
 */
public final class ImportBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Types that join two firms (graph/Endpoints): imports refuse a firm INSTALLED_IN another firm. */
    private static final String[] TYPES = {"SUPPLIES", "CUSTOMER_OF", "PARTNER_OF", "OWNS_STAKE_IN", "SUPPORTED_BY"};
    private static final String[] COUNTRIES = {"FR", "MA", "TN", "DZ", "EG", "ES", "IT", "DE", "TR", "PT"};

    private ImportBenchmark() {
    }

    /**
     * Writes {@code nodes} companies and {@code rows} distinct relationships between them in the
     * native format, deterministically: row i links firm (i mod n) to firm (i mod n + 1 + i div n).
     */
    public static void generate(Path dir, int nodes, long rows) throws IOException {
        generate(dir, nodes, rows, "Bench Firm");
    }

    /** As {@link #generate(Path, int, long)}, names being {@code namePrefix} and the firm's number. */
    public static void generate(Path dir, int nodes, long rows, String namePrefix) throws IOException {
        Files.createDirectories(dir);
        if (rows > (long) nodes * (nodes - 1)) throw new IllegalArgumentException("too many rows for " + nodes + " nodes");
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("nodes.csv"), StandardCharsets.UTF_8)) {
            w.write("id,name,type,country,sector,aliases,source_document,quote\n");
            for (int i = 0; i < nodes; i++) {
                w.write(String.format(Locale.ROOT, "bench-%07d,%s %d,Company,%s,automotive,,bench.csv,\n", i, namePrefix, i,
                        COUNTRIES[i % COUNTRIES.length]));
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("relationships.csv"), StandardCharsets.UTF_8)) {
            w.write("source,target,type,year,start,end,share,tier,source_document,quote\n");
            for (long i = 0; i < rows; i++) {
                int source = (int) (i % nodes);
                long k = i / nodes;
                int target = (int) ((source + 1 + k) % nodes);
                String type = TYPES[(int) (k % TYPES.length)];
                String share = type.equals("OWNS_STAKE_IN") ? "0.25" : "";
                String tier = type.equals("SUPPLIES") ? "1" : "";
                w.write(String.format(Locale.ROOT, "bench-%07d,bench-%07d,%s,%d,,,%s,%s,,\n", source, target, type,
                        2000 + (i % 25), share, tier));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        var opts = ImportCli.options(args);
        long rows = Long.parseLong(opts.getOrDefault("rows", "1000000"));
        int nodes = Integer.parseInt(opts.getOrDefault("nodes", "100000"));
        Path dir = Path.of(opts.getOrDefault("dir", System.getProperty("java.io.tmpdir") + "/filiere-import-bench"));
        Path files = dir.resolve("files");
        long t0 = System.nanoTime();
        generate(files, nodes, rows);
        System.err.printf(Locale.ROOT, "Generated %,d nodes and %,d relationships in %.1f s (%,d MB on disk)%n", nodes, rows,
                (System.nanoTime() - t0) / 1e9, (Files.size(files.resolve("nodes.csv")) + Files.size(files.resolve("relationships.csv"))) >> 20);
        Path data = dir.resolve("data-" + System.currentTimeMillis());
        String password = "bench-" + System.nanoTime();
        ConfigurableApplicationContext app = SpringApplication.run(FiliereApplication.class, "--server.port=0",
                "--filiere.embedded.data-dir=" + data, "--filiere.embedded.bolt-port=0", "--filiere.dataset.autoload=false",
                "--filiere.admin.password=" + password, "--spring.servlet.multipart.max-file-size=4GB",
                "--spring.servlet.multipart.max-request-size=8GB", "--filiere.import.work-dir=" + dir.resolve("work"),
                "--logging.level.root=WARN");
        int exit = 0;
        try {
            String url = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            Heap heap = new Heap();
            System.gc();
            long baseline = heap.used();
            heap.start();
            MultipartBody body = new MultipartBody().field("dataset", "bench").file("nodes", files.resolve("nodes.csv"))
                    .file("relationships", files.resolve("relationships.csv"));
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/imports"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", body.contentType()).POST(body.publisher()).build(), HttpResponse.BodyHandlers.ofString());
            long accepted = System.nanoTime();
            if (r.statusCode() != 202) throw new IllegalStateException("Upload answered " + r.statusCode() + ": " + r.body());
            String id = JSON.readTree(r.body()).get("id").asString();
            JsonNode job;
            while (true) {
                job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url + "/api/imports/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                System.err.print("\r" + ImportCli.bar(job));
                String status = job.get("status").asString();
                if (status.equals("succeeded") || status.equals("failed")) break;
                Thread.sleep(1000);
            }
            long finished = System.nanoTime();
            heap.stopSampling();
            System.err.println();
            long total = nodes + rows;
            Neo4jClient client = app.getBean(Neo4jClient.class);
            long storedNodes = client.query("MATCH (n:Entity {dataset: 'bench'}) RETURN count(n)").fetchAs(Long.class).one().orElse(0L);
            long storedRels = client.query("MATCH ()-[r]->() WHERE r.dataset = 'bench' RETURN count(r)").fetchAs(Long.class).one().orElse(0L);
            System.out.printf(Locale.ROOT, """
                            import benchmark: %,d node rows + %,d relationship rows (%s, %s)
                              upload + validation (until 202): %.1f s
                              write job:                       %.1f s
                              total:                           %.1f s = %,.0f rows/s
                              stored: %,d nodes, %,d relationships
                              heap: max %d MB (-Xmx), baseline after start %d MB, peak used %d MB, peak live after GC %d MB
                              java %s, %d cores
                            """, nodes, rows, job.get("status").asString(), nodes + rows > app.getEnvironment()
                            .getProperty("filiere.import.single-transaction-rows", Long.class, 100_000L) ? "journaled batches" : "one transaction",
                    (accepted - started) / 1e9, (finished - accepted) / 1e9,
                    (finished - started) / 1e9, total / ((finished - started) / 1e9), storedNodes, storedRels,
                    Runtime.getRuntime().maxMemory() >> 20, baseline >> 20, heap.peakUsed.get() >> 20, heap.peakAfterGc() >> 20,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            if (!job.get("status").asString().equals("succeeded")) {
                System.out.println("  errors: " + job.get("errors"));
                exit = 1;
            }
        } finally {
            app.close();
        }
        System.exit(exit);
    }

    /** Samples heap use; "after GC" is what the collectors left in each pool (the live set). */
    private static final class Heap extends Thread {
        final AtomicLong peakUsed = new AtomicLong();
        private volatile boolean running = true;

        Heap() {
            setDaemon(true);
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        }

        long used() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        long peakAfterGc() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null && pool.getName().matches("(?i).*(old|tenured).*")) {
                    sum += pool.getCollectionUsage().getUsed();
                }
            }
            return Math.max(sum, peakLiveOld);
        }

        private long peakLiveOld;

        @Override
        public void run() {
            while (running) {
                peakUsed.accumulateAndGet(used(), Math::max);
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null && pool.getName().matches("(?i).*(old|tenured).*")) {
                        peakLiveOld = Math.max(peakLiveOld, pool.getCollectionUsage().getUsed());
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }
    }
}

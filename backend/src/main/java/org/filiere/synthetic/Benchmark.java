package org.filiere.synthetic;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark command (see docs/benchmarks/README.md). For each size it generates the files
 * (once), loads them — optionally comparing the loaders on the same files ({@link LoadComparison}) —
 * starts the app jar on the store as a child process, then:
 * <ul>
 *   <li>times each {@link Traversal} through the HTTP API and as the services' own Cypher through
 *   the driver, back to back per focal firm (which side goes first alternates), over a fixed seeded
 *   sample of focal firms that includes the biggest supply hubs: warm-up rounds of every traversal in
 *   turn, then the recorded round, each traversal on its own over the sample (or still in turn with
 *   {@code --order mixed});</li>
 *   <li>runs the concurrency test: N clients × T seconds of mixed traversals through the API.</li>
 * </ul>
 * Each size's figures are kept in {@code runs/<label>.json} beside RESULTS.md, which is rendered
 * from every run present, with the chart {@code p95-vs-size.svg} ({@link BenchReport}).
 */
public final class Benchmark {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    record Sample(String focal, boolean hub, int size, double api, double raw) {
    }

    record Concurrency(int clients, double seconds, long requests, long errors, double throughput,
                       Map<String, double[]> apiPercentiles, List<String> errorExamples) {
    }

    record Gc(int pauses, double maxMs, double totalMs) {
        static Gc sum(Gc a, Gc b) {
            if (a == null || b == null) return a == null ? b : a;
            return new Gc(a.pauses + b.pauses, Math.max(a.maxMs, b.maxMs), a.totalMs + b.totalMs);
        }
    }

    record SizeRun(String label, long firms, long nodes, long relationships, String date, String commit, String machine,
                   String loadAverageBefore, String loadAverageAfter, String app, int samples, long seed, int rounds,
                   String order, Map<String, List<Sample>> traversals, Concurrency concurrency, Gc gc) {
    }

    /** The loaders compared on one size's files, kept apart so traversals can be re-measured without reloading. */
    record Loads(String label, String date, String commit, String machine, List<LoadComparison.Run> runs) {
    }

    private Benchmark() {
    }

    public static void run(Map<String, String> opts) throws Exception {
        Path out = Path.of(opts.getOrDefault("out", "docs/benchmarks"));
        int samples = Integer.parseInt(opts.getOrDefault("samples", "200"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        boolean mixed = switch (opts.getOrDefault("order", "traversal")) {
            case "traversal" -> false;
            case "mixed" -> true;
            default -> throw new IllegalArgumentException("--order is 'traversal' or 'mixed', not '" + opts.get("order") + "'");
        };
        int clients = Integer.parseInt(opts.getOrDefault("clients", "8"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
        PrintStream log = System.err;

        if (opts.containsKey("api")) {
            // An app that is already running (e.g. against an external Neo4j): measure only.
            String label = opts.getOrDefault("label", "custom");
            SizeRun run = measure(label, -1, opts.get("api"), SyntheticCli.require(opts, "uri"), "started by hand",
                    samples, seed, rounds, mixed, clients, seconds, null, log);
            save(out, run);
            BenchReport.write(out, log);
            return;
        }

        List<String> sizes = Arrays.stream(opts.getOrDefault("sizes", "S,M").split(",")).map(String::strip)
                .map(s -> s.toUpperCase(Locale.ROOT)).toList();
        if (opts.containsKey("with-l") && !sizes.contains("L")) {
            sizes = new ArrayList<>(sizes);
            sizes.add("L");
        }
        Path work = Path.of(opts.getOrDefault("work", "/tmp/filiere-bench"));
        Files.createDirectories(work);
        // The app runs from a copy, so a rebuild meanwhile cannot change it under the benchmark.
        Path jar = work.resolve("filiere-bench.jar");
        Files.copy(Path.of(opts.getOrDefault("jar", "backend/target/filiere.jar")), jar, StandardCopyOption.REPLACE_EXISTING);
        List<String> loaders = opts.containsKey("compare-loads")
                ? Arrays.stream(opts.getOrDefault("loaders", "offline,loadcsv,driver").split(",")).map(String::strip).toList()
                : List.of();

        for (String label : sizes) {
            int firms = SyntheticGenerator.Size.valueOf(label).firms;
            Path dir = work.resolve(label);
            Path csv = dir.resolve("csv");
            Path store = dir.resolve("store");
            if (!Files.exists(csv.resolve("relationships.csv")) || opts.containsKey("regenerate")) {
                log.printf("== %s: generating %,d firms (seed %d)%n", label, firms, seed);
                new SyntheticGenerator(firms, seed).write(csv);
            }
            String pageCache = opts.getOrDefault("page-cache-" + label, defaultPageCache(label));
            List<String> jvm = new ArrayList<>(Arrays.asList(opts.getOrDefault("app-jvm-" + label, defaultAppJvm(label)).split(" ")));
            if (!loaders.isEmpty()) {
                OfflineImport.deleteTree(store);
                String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                var loads = new LoadComparison(csv, Integer.parseInt(opts.getOrDefault("batch", "10000")), pageCache, log)
                        .run(dir, loaders.contains("offline") ? store : null, loaders);
                Path runs = out.resolve("runs");
                Files.createDirectories(runs);
                JSON.writeValue(runs.resolve("loads-" + label + ".json").toFile(),
                        new Loads(label, date, shell("git", "rev-parse", "--short", "HEAD"), machine(), loads));
                BenchReport.write(out, log);
            }
            if (!OfflineImport.storeExists(store)) {
                log.printf("== %s: offline import into %s%n", label, store);
                new OfflineImport("synthetic", pageCache, "2g", log).load(csv, store);
            }
            Path gcLog = dir.resolve("app-gc.log");
            Files.deleteIfExists(gcLog);
            jvm.add("-Xlog:gc:file=" + gcLog.toAbsolutePath());
            log.printf("== %s: starting the app (%s, page cache %s)%n", label, String.join(" ", jvm), pageCache);
            SizeRun run;
            try (AppProcess app = AppProcess.start(jar, store, pageCache, jvm, dir.resolve("app.log"))) {
                String appDescription = String.join(" ", jvm.subList(0, jvm.size() - 1)) + ", FILIERE_PAGE_CACHE=" + pageCache
                        + " (app and embedded Neo4j in one JVM, child process " + app.pid() + ")";
                run = measure(label, firms, app.api(), app.bolt(), appDescription, samples, seed, rounds, mixed, clients, seconds,
                        gcLog, log);
            }
            save(out, run);
            BenchReport.write(out, log);
        }
    }

    static String defaultPageCache(String label) {
        return switch (label) {
            case "L" -> "4g";
            case "M" -> "2g";
            default -> "1g";
        };
    }

    static String defaultAppJvm(String label) {
        return switch (label) {
            case "L" -> "-Xms8g -Xmx8g";
            case "M" -> "-Xms3g -Xmx3g";
            default -> "-Xms2g -Xmx2g";
        };
    }

    static void save(Path out, SizeRun run) throws IOException {
        Path runs = out.resolve("runs");
        Files.createDirectories(runs);
        JSON.writeValue(runs.resolve(run.label() + ".json").toFile(), run);
    }

    static SizeRun measure(String label, long firms, String api, String uri, String appDescription, int samples, long seed,
                           int rounds, boolean mixed, int clients, int seconds, Path gcLog, PrintStream log) throws Exception {
        api = api.replaceAll("/$", "");
        String loadBefore = loadAverage();
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        // The app's driver asks the server for warnings only (db/GraphInitialization); so does the raw side.
        try (Driver driver = GraphDatabase.driver(uri, SyntheticCli.auth(false),
                org.neo4j.driver.Config.builder().withMinimumNotificationSeverity(org.neo4j.driver.NotificationSeverity.WARNING).build())) {
            List<Traversal.Focal> focals = sample(driver, samples, seed);
            Map<String, Boolean> hubs = new LinkedHashMap<>();
            for (int i = 0; i < focals.size(); i++) hubs.put(focals.get(i).id(), i < HUBS);
            log.printf("== %s: %d focal firms, %d rounds (the last one recorded)%n", label, focals.size(), rounds);
            Map<String, List<Sample>> results = new LinkedHashMap<>();
            for (Traversal t : Traversal.values()) results.put(t.name(), new ArrayList<>());
            // Warm-up rounds run every traversal per focal firm in turn, so the JIT and the page cache are warm
            // for all of them. The recorded round then runs each traversal on its own over the sample ("by
            // traversal", the default), as the issue's limits were measured, or keeps the mix ("mixed": the
            // small reads share the machine with the 2,000-firm answers' allocation; NOTES.md compares both).
            List<Traversal> all = List.of(Traversal.values());
            for (int round = 1; round < rounds; round++) {
                timeRound(api, driver, focals, all, null, hubs);
                log.printf("   warm-up round %d done%n", round);
            }
            Gc gc = null;
            for (List<Traversal> block : mixed ? List.of(all) : all.stream().map(List::of).toList()) {
                long gcMark = gcLog == null ? 0 : gcLines(gcLog);
                timeRound(api, driver, focals, block, results, hubs);
                if (gcLog != null) gc = Gc.sum(gc, gcSince(gcLog, gcMark));
                log.printf("   recorded %s%n", mixed ? "mixed round" : block.get(0).name());
            }
            log.printf("== %s: concurrency run, %d clients × %d s%n", label, clients, seconds);
            Concurrency concurrency = seconds > 0 ? concurrency(api, focals, clients, seconds, seed) : null;
            long[] size = graphSize(driver);
            return new SizeRun(label, firms, size[0], size[1], date, shell("git", "rev-parse", "--short", "HEAD"), machine(),
                    loadBefore, loadAverage(), appDescription, focals.size(), seed, rounds, mixed ? "mixed" : "by traversal", results, concurrency, gc);
        }
    }

    /**
     * One round over the sample: per focal firm, each traversal of {@code block} through the API and raw,
     * back to back, alternating which side goes first so neither always gets the warmer cache.
     * {@code results} null: a warm-up round, nothing recorded.
     */
    private static void timeRound(String api, Driver driver, List<Traversal.Focal> focals, List<Traversal> block,
                                  Map<String, List<Sample>> results, Map<String, Boolean> hubs) throws Exception {
        int k = 0;
        for (Traversal.Focal f : focals) {
            for (Traversal t : block) {
                boolean apiFirst = (k++ % 2) == 0;
                double apiMs = 0;
                double rawMs = 0;
                int size = 0;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == apiFirst) {
                        apiMs = timeApi(api, t, f);
                    } else {
                        long started = System.nanoTime();
                        size = raw(driver, t, f);
                        rawMs = (System.nanoTime() - started) / 1e6;
                    }
                }
                if (results != null) results.get(t.name()).add(new Sample(f.id(), hubs.get(f.id()), size, apiMs, rawMs));
            }
        }
    }

    static final int HUBS = 10;

    /** The {@value #HUBS} firms with most SUPPLIES links, then firms drawn at random (seeded) among all firms. */
    static List<Traversal.Focal> sample(Driver driver, int samples, long seed) {
        try (Session s = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            List<String> hubs = s.executeRead(tx -> tx.run("""
                    MATCH (f:Company {dataset: 'synthetic'})
                    RETURN f.id AS id ORDER BY COUNT { (f)-[:SUPPLIES]-() } DESC, f.id LIMIT $n
                    """, Map.of("n", HUBS)).list(r -> r.get("id").asString()));
            long total = s.executeRead(tx -> tx.run("MATCH (f:Company {dataset: 'synthetic'}) RETURN count(f) AS n")
                    .single().get("n").asLong());
            SplittableRandom random = new SplittableRandom(seed);
            TreeSet<Long> offsets = new TreeSet<>();
            while (offsets.size() < Math.min(samples - hubs.size(), total)) offsets.add(random.nextLong(total));
            List<String> ids = new ArrayList<>(hubs);
            s.executeRead(tx -> {
                var result = tx.run("MATCH (f:Company {dataset: 'synthetic'}) RETURN f.id AS id ORDER BY f.id");
                long i = 0;
                while (result.hasNext()) {
                    String id = result.next().get("id").asString();
                    if (offsets.contains(i++) && !hubs.contains(id)) ids.add(id);
                }
                return null;
            });
            List<Traversal.Focal> focals = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String name = s.executeRead(tx -> tx.run("MATCH (n:Entity {id: $id}) RETURN n.name AS name", Map.of("id", id))
                        .single().get("name").asString());
                focals.add(new Traversal.Focal(id, name, ids.get((i + 1) % ids.size())));
            }
            return focals;
        }
    }

    static int raw(Driver driver, Traversal t, Traversal.Focal f) {
        try (Session s = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return s.executeRead(tx -> t.raw(tx, f));
        }
    }

    /** A status and a body, read whole. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static {
        // Kept-alive connections per host: one per concurrent client at least (the JDK keeps 5).
        if (System.getProperty("http.maxConnections") == null) System.setProperty("http.maxConnections", "32");
    }

    /**
     * GET with the JDK's blocking {@link HttpURLConnection} (connections kept alive). The
     * asynchronous {@code java.net.http.HttpClient} added about 2 ms per request on this machine
     * (NOTES.md): client overhead, which is not the API's.
     */
    static Answer get(String url, Duration timeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout((int) timeout.toMillis());
        int status = c.getResponseCode();
        try (var in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
        }
    }

    static double timeApi(String api, Traversal t, Traversal.Focal f) {
        String path = t.path(f);
        long started = System.nanoTime();
        try {
            Answer response = get(api + path, Duration.ofSeconds(120));
            double ms = (System.nanoTime() - started) / 1e6;
            if (response.status() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.status() + ": " + response.text());
            }
            return ms;
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    /** Clients each send mixed traversals (random focal firm and traversal, seeded per client) back to back. */
    static Concurrency concurrency(String api, List<Traversal.Focal> focals, int clients, int seconds, long seed)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> examples = new CopyOnWriteArrayList<>();
        Map<String, List<Double>> times = new ConcurrentHashMap<>();
        List<Traversal> mix = java.util.Arrays.stream(Traversal.values()).filter(Traversal::inConcurrencyMix).toList();
        for (Traversal t : mix) times.put(t.name(), java.util.Collections.synchronizedList(new ArrayList<>()));
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = new SplittableRandom(seed * 1000 + c);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    Traversal t = mix.get(random.nextInt(mix.size()));
                    Traversal.Focal f = focals.get(random.nextInt(focals.size()));
                    long t0 = System.nanoTime();
                    try {
                        Answer response = get(api + t.path(f), Duration.ofSeconds(60));
                        if (response.status() == 200) {
                            ok.incrementAndGet();
                            times.get(t.name()).add((System.nanoTime() - t0) / 1e6);
                        } else {
                            errors.incrementAndGet();
                            if (examples.size() < 5) examples.add(t.path(f) + " → " + response.status() + " "
                                    + response.text().lines().findFirst().orElse(""));
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (examples.size() < 5) examples.add(t.path(f) + " → " + e);
                    }
                }
            }, "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) t.join();
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, double[]> percentiles = new LinkedHashMap<>();
        times.forEach((k, v) -> percentiles.put(k, percentiles(new ArrayList<>(v))));
        return new Concurrency(clients, elapsed, ok.get() + errors.get(), errors.get(), ok.get() / elapsed, percentiles,
                List.copyOf(examples));
    }

    /** p50, p95, p99 by the nearest-rank method. */
    static double[] percentiles(List<Double> values) {
        if (values.isEmpty()) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99)};
    }

    static double rank(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    }

    static long[] graphSize(Driver driver) {
        try (Session s = driver.session()) {
            long nodes = s.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong();
            long rels = s.run("MATCH ()-[r]->() RETURN count(r) AS n").single().get("n").asLong();
            return new long[] {nodes, rels};
        }
    }

    // ---- machine and GC ----------------------------------------------------------------------------

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) memKb = Long.parseLong(line.replaceAll("\\D+", ""));
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB, %s %s, Java %s", Runtime.getRuntime().availableProcessors(), cpu,
                memKb / 1024.0 / 1024.0, System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    }

    private static long gcLines(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) return 0;
        try (var lines = Files.lines(gcLog)) {
            return lines.count();
        }
    }

    /** Pauses logged by {@code -Xlog:gc} after line {@code from}: "... Pause Young (Normal) ... 12.345ms". */
    private static Gc gcSince(Path gcLog, long from) throws IOException {
        if (!Files.exists(gcLog)) return null;
        List<Double> pauses = new ArrayList<>();
        try (var lines = Files.lines(gcLog)) {
            lines.skip(from).filter(l -> l.contains("Pause")).forEach(l -> {
                var m = java.util.regex.Pattern.compile("([0-9.]+)ms$").matcher(l.strip());
                if (m.find()) pauses.add(Double.parseDouble(m.group(1)));
            });
        }
        return new Gc(pauses.size(), pauses.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                pauses.stream().mapToDouble(Double::doubleValue).sum());
    }

    static String shell(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}

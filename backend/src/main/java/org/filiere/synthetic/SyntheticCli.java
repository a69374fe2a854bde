package org.filiere.synthetic;

import ch.qos.logback.classic.Level;
import org.filiere.db.EmbeddedNeo4j;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command line for the scale work (see docs/benchmarks/README.md):
 * <pre>
 * generate --size S|M|L [--firms N] [--seed 42] --out DIR
 * load     --dir DIR [--mode auto|offline|transactional] [--uri bolt://host:7687] [--batch 10000] [--writers 1]
 *          [--import-memory 2g] [--dataset synthetic]
 * bench    [--sizes S,M] [--with-l] [--compare-loads] [--work /tmp/filiere-bench] [--jar backend/target/filiere.jar]
 *          [--samples 200] [--rounds 3] [--order traversal|mixed] [--clients 8] [--seconds 60] [--out docs/benchmarks]
 * bench    --api http://localhost:8080 --uri bolt://localhost:7687 --label X   (an app already running)
 * report   [--out docs/benchmarks]   (re-renders RESULTS.md and the chart from runs/*.json)
 * </pre>
 * Without {@code --uri}, {@code load} works on the embedded database in {@code FILIERE_DATA_DIR}
 * (default {@code ./data}) with {@code FILIERE_PAGE_CACHE}, as the application does: a store that
 * does not exist yet is created by Neo4j's offline importer ({@link OfflineImport}), an existing one
 * is added to through the driver ({@link BulkLoader}); {@code --mode} forces one or the other.
 */
public final class SyntheticCli {

    private SyntheticCli() {
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Map<String, String> opts = options(args);
        switch (args[0]) {
            case "generate" -> generate(opts);
            case "load" -> load(opts);
            case "bench" -> Benchmark.run(opts);
            case "report" -> BenchReport.write(Path.of(opts.getOrDefault("out", "docs/benchmarks")), System.err);
            default -> {
                usage();
                System.exit(2);
            }
        }
        System.exit(0);
    }

    static void generate(Map<String, String> opts) throws Exception {
        int firms = opts.containsKey("firms") ? Integer.parseInt(opts.get("firms"))
                : SyntheticGenerator.Size.valueOf(opts.getOrDefault("size", "S").toUpperCase(Locale.ROOT)).firms;
        long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
        Path out = Path.of(require(opts, "out"));
        long started = System.nanoTime();
        var counts = new SyntheticGenerator(firms, seed).write(out);
        System.err.printf(Locale.ROOT, "Wrote %,d nodes and %,d relationships to %s in %.1f s%n",
                counts.nodes(), counts.relationships(), out.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
    }

    static void load(Map<String, String> opts) throws Exception {
        Path dir = Path.of(require(opts, "dir"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", String.valueOf(BulkLoader.DEFAULT_BATCH)));
        int writers = Integer.parseInt(opts.getOrDefault("writers", "1"));
        String dataset = opts.getOrDefault("dataset", "synthetic");
        String mode = opts.getOrDefault("mode", "auto");
        if (!List.of("auto", "offline", "transactional").contains(mode)) {
            throw new IllegalArgumentException("--mode is auto, offline or transactional, not " + mode);
        }
        String uri = opts.get("uri");
        Path home = Path.of(env("FILIERE_DATA_DIR", "./data"));
        boolean offline = uri == null && (mode.equals("offline") || (mode.equals("auto") && !OfflineImport.storeExists(home)));
        if (offline) {
            System.err.println("Offline import into a new store in " + home.toAbsolutePath());
            var result = new OfflineImport(dataset, env("FILIERE_PAGE_CACHE", null), opts.getOrDefault("import-memory", "2g"), System.err)
                    .load(dir, home);
            System.err.printf(Locale.ROOT, "Loaded %,d nodes and %,d relationships in %.1f s (%,.0f rows/s)%n",
                    result.nodes(), result.relationships(), result.total().toMillis() / 1000.0, result.rowsPerSecond());
            return;
        }
        if (uri != null && mode.equals("offline")) {
            throw new IllegalArgumentException("--mode offline writes an embedded store directly; it cannot load through --uri");
        }
        EmbeddedNeo4j embedded = null;
        if (uri == null) {
            embedded = EmbeddedNeo4j.start(home, 0, env("FILIERE_PAGE_CACHE", null));
            uri = embedded.boltUri().toString();
            System.err.println("Embedded Neo4j in " + home.toAbsolutePath());
        }
        try (Driver driver = GraphDatabase.driver(uri, auth(embedded != null))) {
            BulkLoader loader = new BulkLoader(driver, dataset, batch, writers, System.err);
            loader.ensureSchema();
            var result = loader.load(dir);
            System.err.printf(Locale.ROOT, "Loaded %,d nodes and %,d relationships in %.1f s (%,.0f rows/s)%n",
                    result.nodes(), result.relationships(), result.total().toMillis() / 1000.0, result.rowsPerSecond());
        } finally {
            if (embedded != null) embedded.close();
        }
    }

    static AuthToken auth(boolean embedded) {
        String password = System.getenv("NEO4J_PASSWORD");
        if (embedded || password == null || password.isBlank()) return AuthTokens.none();
        return AuthTokens.basic(env("NEO4J_USERNAME", "neo4j"), password);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("Unexpected argument " + args[i]);
            String key = args[i].substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                opts.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opts.put(key, args[++i]);
            } else {
                opts.put(key, "true");
            }
        }
        return opts;
    }

    static String require(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) throw new IllegalArgumentException("--" + key + " is required");
        return v;
    }

    private static void quietLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            context.getLogger("org.neo4j").setLevel(Level.WARN);
            context.getLogger("org.springframework").setLevel(Level.WARN);
        }
    }

    private static void usage() {
        System.err.println("""
                usage: SyntheticCli generate --size S|M|L [--firms N] [--seed 42] --out DIR
                       SyntheticCli load --dir DIR [--mode auto|offline|transactional] [--uri bolt://host:7687] [--batch 10000]
                                         [--writers 1] [--import-memory 2g] [--dataset synthetic]
                       SyntheticCli bench [--sizes S,M] [--with-l] [--compare-loads] [--work /tmp/filiere-bench]
                                          [--jar backend/target/filiere.jar] [--samples 200] [--rounds 3] [--order traversal|mixed] [--clients 8]
                                          [--seconds 60] [--out docs/benchmarks]
                       SyntheticCli bench --api http://localhost:8080 --uri bolt://localhost:7687 --label X [--out docs/benchmarks]
                       SyntheticCli report [--out docs/benchmarks]
                """);
    }
}

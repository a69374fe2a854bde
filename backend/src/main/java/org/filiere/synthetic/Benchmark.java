package org.filiere.synthetic;

import org.filiere.db.EmbeddedNeo4j;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.AccessMode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.function.Function;

/**
 * Times each traversal through the HTTP API of a running app and as the same Cypher through the
 * driver, interleaved per focal firm, and (with {@code --load-dir}) the bulk loader against
 * Neo4j's own {@code LOAD CSV} on the same files, each into a fresh embedded database. Writes the
 * figures to docs/benchmarks/RESULTS.md. The Cypher below is copied from the services (no
 * filters: every predicate is {@code true}).
 */
public final class Benchmark {

    // --- Cypher copied from TiersService (upstream, depth 3, no filters) ---
    static final String TIERS_FOCAL = """
            MATCH (n:Entity {id: $id})
            OPTIONAL MATCH (n)-[:IN_SECTOR]->(sector:Sector)
            RETURN n, collect(sector.name) AS sectors
            """;
    /** The API's own tier query, so that raw Cypher and the API run the same statement. */
    static final String TIERS = org.filiere.tiers.TiersService.tierQuery(
            org.filiere.tiers.TiersService.Direction.upstream, 3, org.filiere.graph.Filters.all());
    static final String TIERS_COUNT = """
            MATCH (f:Entity {id: $id})
            CALL (f) {
              MATCH (f)<-[rs:SUPPLIES*1..3]-(s:Entity)
              RETURN DISTINCT s LIMIT 100000
            }
            RETURN count(s) AS total
            """;
    static final String TIERS_EDGES = """
            UNWIND $ids AS sid
            MATCH (a:Entity {id: sid})-[r:SUPPLIES]->(b:Entity)
            WHERE b.id IN $ids AND true
            RETURN r, a.id AS source, b.id AS target
            """;
    // --- NeighbourhoodService, depth 1, limit 200 ---
    static final String FOCAL = "MATCH (n:Entity {id: $id}) RETURN n";
    static final String NEIGHBOURHOOD = """
            UNWIND $frontier AS fid
            MATCH (c:Entity {id: fid})
            WITH c, COUNT { (c)-[r]-(m:Entity) } AS degree
            CALL (c) {
              MATCH (c)-[r]-(m:Entity)
              WHERE true
              RETURN r, m SKIP $offset LIMIT $limit
            }
            RETURN c.id AS from, degree, r, startNode(r).id AS source, endNode(r).id AS target, m
            """;
    // --- OwnershipService ---
    static final String OWNERSHIP_UP = """
            MATCH (f:Entity {id: $id})
            MATCH p = (f)((a:Entity)-[r:SUBSIDIARY_OF|BRAND_OF|OWNS_STAKE_IN|ACQUIRED|PARTY_TO]-(b:Entity)
            WHERE ((type(r) IN ['SUBSIDIARY_OF', 'BRAND_OF'] AND startNode(r) = a)
                OR (type(r) IN ['OWNS_STAKE_IN', 'ACQUIRED', 'PARTY_TO'] AND endNode(r) = a))
              AND true
            ){1,8}(x)
            RETURN p LIMIT 5000
            """;
    static final String OWNERSHIP_DOWN = """
            MATCH (f:Entity {id: $id})
            MATCH p = (f)((a:Entity)-[r:SUBSIDIARY_OF|BRAND_OF|OWNS_STAKE_IN|ACQUIRED|PARTY_TO]-(b:Entity)
            WHERE ((type(r) IN ['SUBSIDIARY_OF', 'BRAND_OF'] AND endNode(r) = a)
                OR (type(r) IN ['OWNS_STAKE_IN', 'ACQUIRED', 'PARTY_TO'] AND startNode(r) = a))
              AND true
            ){1,8}(x)
            RETURN p LIMIT 5000
            """;
    // --- SearchService ---
    static final String SEARCH = """
            CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $fetch})
            YIELD node, score
            WHERE $types = [] OR node.type IN $types
            RETURN node.id AS id, node.name AS name, node.type AS type, node.country AS country,
                   coalesce(node.aliases, []) AS aliases, score
            ORDER BY score DESC, size(node.name) ASC
            LIMIT $limit
            """;
    // --- PathsService, k = 3, max 6 hops, all types ---
    static final String EXISTS = "MATCH (n:Entity {id: $id}) RETURN count(n)";
    static final String ALL_SHORTEST = """
            MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
            MATCH p = allShortestPaths((a)-[*..6]-(b))
            WHERE all(n IN nodes(p) WHERE n.id IN [$from, $to] OR n.type IN $through) AND all(r IN relationships(p) WHERE true)
            RETURN p LIMIT $k
            """;
    static final String SHORTEST_K = """
            MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
            MATCH p = SHORTEST 3 (a)(()-[r]-(n) WHERE true AND (n = b OR n.type IN $through)){1,6}(b)
            RETURN p
            """;

    static final List<String> QUERIES = List.of("tiers", "neighbourhood", "ownership", "search", "paths");

    private Benchmark() {
    }

    record Focal(String id, String name, String to) {
    }

    public static void run(Map<String, String> opts) throws Exception {
        String api = SyntheticCli.require(opts, "api").replaceAll("/$", "");
        String uri = SyntheticCli.require(opts, "uri");
        int samples = Integer.parseInt(opts.getOrDefault("samples", "200"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "2"));
        String dataset = opts.getOrDefault("dataset", "synthetic");
        Path out = Path.of(opts.getOrDefault("out", "docs/benchmarks/RESULTS.md"));
        String label = opts.getOrDefault("label", "");

        StringBuilder report = new StringBuilder();
        report.append("# Benchmark results").append(label.isEmpty() ? "" : " — size " + label).append("\n\n");
        report.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        report.append("- git commit: ").append(shell("git", "rev-parse", "--short", "HEAD")).append('\n');
        report.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc ")
                .append(shell("nproc")).append("), memory ").append(memory()).append(", ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.arch")).append(", Java ").append(System.getProperty("java.version")).append('\n');
        report.append("- benchmark JVM max heap: ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n\n");

        if (opts.containsKey("load-dir")) {
            report.append(compareLoads(Path.of(opts.get("load-dir")), Integer.parseInt(opts.getOrDefault("batch", "10000"))));
        }

        try (Driver driver = GraphDatabase.driver(uri, SyntheticCli.auth(false))) {
            List<Focal> focals = sample(driver, dataset, samples, seed);
            System.err.printf("Benchmarking %d focal firms (%d rounds, the last one recorded)%n", focals.size(), rounds);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            Map<String, List<Double>> apiTimes = new LinkedHashMap<>();
            Map<String, List<Double>> rawTimes = new LinkedHashMap<>();
            QUERIES.forEach(q -> {
                apiTimes.put(q, new ArrayList<>());
                rawTimes.put(q, new ArrayList<>());
            });
            for (int round = 1; round <= rounds; round++) {
                boolean record = round == rounds;
                int k = 0;
                for (Focal f : focals) {
                    for (String q : QUERIES) {
                        // Alternate which side goes first, so neither always gets the warmer cache.
                        boolean apiFirst = (k++ % 2) == 0;
                        for (int side = 0; side < 2; side++) {
                            boolean isApi = (side == 0) == apiFirst;
                            double ms = isApi ? timeApi(http, api, q, f) : timeRaw(driver, q, f);
                            if (record) (isApi ? apiTimes : rawTimes).get(q).add(ms);
                        }
                    }
                }
                System.err.printf("round %d done%n", round);
            }
            report.append("## Traversals: HTTP API vs raw Cypher (ms)\n\n");
            report.append("Graph: ").append(graphSize(driver)).append(". ").append(focals.size())
                    .append(" focal firms (seed ").append(seed).append(", incl. the 10 with most SUPPLIES links), ")
                    .append(rounds).append(" rounds, last one recorded; API and raw interleaved per firm and query. ")
                    .append("Raw = the service's statements in one read transaction through the driver, all records consumed. ")
                    .append("API = `GET` on the app, whole body read. Paths go from each focal firm to the next one in the sample.\n\n");
            report.append("| query | API p50 / p95 / p99 | raw p50 / p95 / p99 | API ÷ raw (p50 / p95 / p99) |\n|---|---|---|---|\n");
            for (String q : QUERIES) {
                double[] a = percentiles(apiTimes.get(q));
                double[] r = percentiles(rawTimes.get(q));
                report.append(String.format(Locale.ROOT, "| %s | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %.2f / %.2f / %.2f |%n",
                        describe(q), a[0], a[1], a[2], r[0], r[1], r[2], a[0] / r[0], a[1] / r[1], a[2] / r[2]));
            }
            report.append('\n');
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
        System.out.print(report);
        System.err.println("Wrote " + out.toAbsolutePath());
    }

    static String describe(String q) {
        return switch (q) {
            case "tiers" -> "tiers upstream, depth 3, limit 2000";
            case "neighbourhood" -> "1-hop neighbourhood, 200 per node";
            case "ownership" -> "ownership chain + group tree";
            case "search" -> "full-text search (name stem)";
            case "paths" -> "paths k=3, ≤ 6 hops";
            default -> q;
        };
    }

    static List<Focal> sample(Driver driver, String dataset, int samples, long seed) {
        try (Session s = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            List<String> hubs = s.executeRead(tx -> tx.run("""
                    MATCH (f:Company {dataset: $d})
                    RETURN f.id AS id ORDER BY COUNT { (f)-[:SUPPLIES]-() } DESC, f.id LIMIT 10
                    """, Map.of("d", dataset)).list(r -> r.get("id").asString()));
            long total = s.executeRead(tx -> tx.run("MATCH (f:Company {dataset: $d}) RETURN count(f) AS n", Map.of("d", dataset))
                    .single().get("n").asLong());
            SplittableRandom random = new SplittableRandom(seed);
            TreeSet<Long> offsets = new TreeSet<>();
            while (offsets.size() < Math.min(samples - hubs.size(), total)) offsets.add(random.nextLong(total));
            List<String> ids = new ArrayList<>(hubs);
            s.executeRead(tx -> {
                var result = tx.run("MATCH (f:Company {dataset: $d}) RETURN f.id AS id ORDER BY f.id", Map.of("d", dataset));
                long i = 0;
                while (result.hasNext()) {
                    String id = result.next().get("id").asString();
                    if (offsets.contains(i++) && !hubs.contains(id)) ids.add(id);
                }
                return null;
            });
            List<Focal> focals = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String name = s.executeRead(tx -> tx.run("MATCH (n:Entity {id: $id}) RETURN n.name AS name", Map.of("id", id))
                        .single().get("name").asString());
                focals.add(new Focal(id, name, ids.get((i + 1) % ids.size())));
            }
            return focals;
        }
    }

    static double timeApi(HttpClient http, String api, String q, Focal f) {
        String path = switch (q) {
            case "tiers" -> "/api/graph/tiers/" + f.id() + "?direction=upstream&depth=3&limit=2000";
            case "neighbourhood" -> "/api/graph/neighbourhood/" + f.id() + "?depth=1&limit=200";
            case "ownership" -> "/api/graph/ownership/" + f.id();
            case "search" -> "/api/search?limit=10&q=" + URLEncoder.encode(stem(f), StandardCharsets.UTF_8);
            case "paths" -> "/api/graph/paths?from=" + f.id() + "&to=" + f.to() + "&k=3&maxHops=6";
            default -> throw new IllegalArgumentException(q);
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(120)).GET().build();
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - started) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return ms;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    static double timeRaw(Driver driver, String q, Focal f) {
        long started = System.nanoTime();
        try (Session s = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            s.executeRead(tx -> {
                switch (q) {
                    case "tiers" -> {
                        tx.run(TIERS_FOCAL, Map.of("id", f.id())).list();
                        var rows = tx.run(TIERS, Map.of("id", f.id(), "limit", 2000)).list();
                        if (rows.size() >= 2000) tx.run(TIERS_COUNT, Map.of("id", f.id())).list();
                        List<String> ids = new ArrayList<>();
                        ids.add(f.id());
                        rows.forEach(r -> ids.add(r.get("s").asNode().get("id").asString()));
                        tx.run(TIERS_EDGES, Map.of("ids", ids)).list();
                    }
                    case "neighbourhood" -> {
                        tx.run(FOCAL, Map.of("id", f.id())).list();
                        tx.run(NEIGHBOURHOOD, Map.of("frontier", List.of(f.id()), "limit", 200, "offset", 0)).list();
                    }
                    case "ownership" -> {
                        tx.run(FOCAL, Map.of("id", f.id())).list();
                        tx.run(OWNERSHIP_UP, Map.of("id", f.id())).list();
                        tx.run(OWNERSHIP_DOWN, Map.of("id", f.id())).list();
                    }
                    case "search" -> tx.run(SEARCH, Map.of("query", luceneQuery(stem(f)), "types", List.of(), "limit", 10, "fetch", 40)).list();
                    case "paths" -> {
                        tx.run(EXISTS, Map.of("id", f.id())).list();
                        tx.run(EXISTS, Map.of("id", f.to())).list();
                        List<String> through = Arrays.stream(NodeType.values()).filter(NodeType::isOrganisation).map(Enum::name).toList();
                        Map<String, Object> params = Map.of("from", f.id(), "to", f.to(), "k", 3, "through", through);
                        if (!f.id().equals(f.to()) && tx.run(ALL_SHORTEST, params).list().size() < 3) {
                            tx.run(SHORTEST_K, params).list();
                        }
                    }
                    default -> throw new IllegalArgumentException(q);
                }
                return null;
            });
        }
        return (System.nanoTime() - started) / 1e6;
    }

    static String stem(Focal f) {
        int space = f.name().indexOf(' ');
        return space > 0 ? f.name().substring(0, space) : f.name();
    }

    /** Same as SearchService.luceneQuery (package-private there). */
    static String luceneQuery(String text) {
        String[] words = Names.normalise(text).split(" ");
        List<String> clauses = new ArrayList<>();
        for (String w : words) {
            if (w.isEmpty()) continue;
            if (clauses.size() == 8) break;
            clauses.add("(" + w + "^3 OR " + w + "*" + (w.length() >= 4 ? " OR " + w + "~" + (w.length() >= 7 ? "2" : "1") : "") + ")");
        }
        return String.join(" AND ", clauses);
    }

    static double[] percentiles(List<Double> values) {
        if (values.isEmpty()) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Function<Double, Double> at = p -> sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
        return new double[] {at.apply(0.50), at.apply(0.95), at.apply(0.99)};
    }

    static String graphSize(Driver driver) {
        try (Session s = driver.session()) {
            long nodes = s.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong();
            long rels = s.run("MATCH ()-[r]->() RETURN count(r) AS n").single().get("n").asLong();
            return String.format(Locale.ROOT, "%,d nodes, %,d relationships (synthetic set plus the IPEMED dataset the app loads)", nodes, rels);
        }
    }

    // ---- bulk loader vs LOAD CSV ----------------------------------------------------------------

    static final String LOAD_CSV_NODES = """
            LOAD CSV WITH HEADERS FROM $url AS row
            CALL (row) {
              MERGE (n:Entity {id: row.id})
              SET n.name = row.name, n.type = row.type, n.dataset = $dataset, n.document = row.source_document,
                  n.aliases = CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE split(row.aliases, ';') END,
                  n.aliasText = replace(coalesce(row.aliases, ''), ';', ' | '),
                  n.normalisedName = toLower(row.name),
                  n.country = CASE WHEN coalesce(row.country, '') = '' THEN null ELSE row.country END,
                  n.iso2 = CASE WHEN row.type = 'Country' THEN row.country END,
                  n.classification = CASE WHEN row.type = 'Country' THEN row.sector END,
                  n:$(row.type)
              WITH n, row
              OPTIONAL MATCH (c:Entity {id: 'country-' + toLower(row.country)})
              SET n.side = c.classification
            } IN TRANSACTIONS OF $batch ROWS
            """;
    static final String LOAD_CSV_RELS = """
            LOAD CSV WITH HEADERS FROM $url AS row
            CALL (row) {
              MATCH (a:Entity {id: row.source})
              MATCH (b:Entity {id: row.target})
              MERGE (a)-[r:$(row.type) {id: row.source + '.' + row.type + '.' + row.target}]->(b)
              SET r.dataset = $dataset, r.document = row.source_document, r.inferred = false,
                  r.year = toInteger(row.year), r.start = toInteger(row.start), r.end = toInteger(row.end),
                  r.share = toFloat(row.share), r.tier = toInteger(row.tier)
            } IN TRANSACTIONS OF $batch ROWS
            """;

    static String compareLoads(Path dir, int batch) throws Exception {
        long nodeRows = BulkLoader.countLines(dir.resolve("nodes.csv")) - 1;
        long relRows = BulkLoader.countLines(dir.resolve("relationships.csv")) - 1;
        String pageCache = SyntheticCli.env("FILIERE_PAGE_CACHE", null);
        StringBuilder md = new StringBuilder("## Bulk load: driver `UNWIND` batches vs `LOAD CSV … IN TRANSACTIONS`\n\n");
        md.append(String.format(Locale.ROOT, "Files: %s — %,d node rows, %,d relationship rows. Each load into a fresh embedded "
                + "database (page cache %s) with the schema of cypher/migrations already applied; batches of %,d rows; "
                + "the driver and the database share this JVM.%n%n", dir, nodeRows, relRows,
                pageCache == null ? "default" : pageCache, batch));
        md.append("| loader | nodes (s) | relationships (s) | total (s) | rows/s |\n|---|---|---|---|---|\n");

        Path home = Files.createTempDirectory("filiere-bulk-");
        try (EmbeddedNeo4j db = EmbeddedNeo4j.start(home, 0, pageCache);
             Driver driver = GraphDatabase.driver(db.boltUri(), SyntheticCli.auth(true))) {
            BulkLoader loader = new BulkLoader(driver, "synthetic", batch, System.err);
            loader.ensureSchema();
            var r = loader.load(dir);
            md.append(String.format(Locale.ROOT, "| driver UNWIND (BulkLoader) | %.1f | %.1f | %.1f | %,.0f |%n",
                    r.nodeTime().toMillis() / 1000.0, r.relationshipTime().toMillis() / 1000.0, r.total().toMillis() / 1000.0,
                    r.rowsPerSecond()));
        } finally {
            deleteTree(home);
        }
        home = Files.createTempDirectory("filiere-loadcsv-");
        try (EmbeddedNeo4j db = EmbeddedNeo4j.start(home, 0, pageCache);
             Driver driver = GraphDatabase.driver(db.boltUri(), SyntheticCli.auth(true))) {
            new BulkLoader(driver, "synthetic", batch, null).ensureSchema();
            try (Session s = driver.session()) {
                long t0 = System.nanoTime();
                s.run(LOAD_CSV_NODES, Map.of("url", dir.resolve("nodes.csv").toAbsolutePath().toUri().toString(),
                        "dataset", "synthetic", "batch", batch)).consume();
                long t1 = System.nanoTime();
                s.run(LOAD_CSV_RELS, Map.of("url", dir.resolve("relationships.csv").toAbsolutePath().toUri().toString(),
                        "dataset", "synthetic", "batch", batch)).consume();
                long t2 = System.nanoTime();
                long nodes = s.run("MATCH (n:Entity) RETURN count(n) AS n").single().get("n").asLong();
                long rels = s.run("MATCH ()-[r]->() RETURN count(r) AS n").single().get("n").asLong();
                md.append(String.format(Locale.ROOT, "| LOAD CSV IN TRANSACTIONS | %.1f | %.1f | %.1f | %,.0f |%n",
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, (nodeRows + relRows) / ((t2 - t0) / 1e9)));
                md.append(String.format(Locale.ROOT, "%nLOAD CSV result: %,d nodes, %,d relationships. ", nodes, rels));
            }
        } finally {
            deleteTree(home);
        }
        md.append("LOAD CSV reads `file:///` URLs with absolute paths in the embedded database (no import directory is "
                + "configured there); its `normalisedName` is only lower-cased (no accent folding in plain Cypher).\n\n");
        return md.toString();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String shell(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return "unknown";
    }
}

package org.filiere.synthetic;

import org.filiere.db.EmbeddedNeo4j;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The loaders on the same files in the same run, each into a fresh embedded store: Neo4j's
 * offline importer ({@link OfflineImport}), the driver loader ({@link BulkLoader}) and
 * {@code LOAD CSV … CALL { … } IN TRANSACTIONS}.
 *
 * <p>The LOAD CSV statements are written to be a fair baseline: labels and relationship types are
 * static in the text (a dynamic {@code MERGE (a)-[r:$(row.type)]->(b)} plans as a scan of every
 * relationship per row, and a dynamic {@code SET n:$(row.type)} adds Eager operators), chosen per
 * row with the {@code FOREACH (… CASE WHEN …)} idiom so the file is read once; or, as the
 * {@code pertype} variant, one pass over the file per relationship type.
 *
 * <p>Timing: LOAD CSV and the driver loader start from an empty database whose schema (the app's
 * migrations) is already in place, so their time includes index maintenance. The offline import's
 * time includes preparing its files, the import, starting the database, applying the migrations
 * and waiting for every index (full-text included) to be online.
 */
final class LoadComparison {

    record Run(String loader, double nodeSeconds, double relationshipSeconds, double totalSeconds, double rowsPerSecond,
               long nodes, long relationships, String detail, String loadAverageBefore, String loadAverageAfter) {
    }

    private final Path dir;
    private final int batch;
    private final String pageCache;
    private final PrintStream log;

    LoadComparison(Path dir, int batch, String pageCache, PrintStream log) {
        this.dir = dir;
        this.batch = batch;
        this.pageCache = pageCache;
        this.log = log;
    }

    /**
     * @param keepOfflineStore where the offline-imported store is kept (the benchmark runs on it), or null
     * @param variants         which loaders: {@code offline}, {@code driver}, {@code loadcsv}, {@code loadcsv-pertype}
     */
    List<Run> run(Path work, Path keepOfflineStore, List<String> variants) throws Exception {
        long rows = rows();
        List<Run> runs = new ArrayList<>();
        for (String variant : variants) {
            String before = Benchmark.loadAverage();
            log.printf("== load comparison: %s%n", variant);
            Run run = switch (variant) {
                case "offline" -> offline(work, keepOfflineStore, rows, before);
                case "driver" -> driver(work, rows, before);
                case "loadcsv", "loadcsv-pertype" -> loadCsv(work, rows, variant.endsWith("pertype"), before);
                default -> throw new IllegalArgumentException("Unknown loader " + variant);
            };
            log.printf("   %s: %.1f s, %,.0f rows/s%n", run.loader(), run.totalSeconds(), run.rowsPerSecond());
            runs.add(run);
        }
        return runs;
    }

    private long rows() throws IOException {
        return NativeRows.countLines(dir.resolve("nodes.csv")) - 1 + NativeRows.countLines(dir.resolve("relationships.csv")) - 1;
    }

    private Run offline(Path work, Path keep, long rows, String before) throws Exception {
        Path home = keep != null ? keep : Files.createTempDirectory(work, "offline-");
        try {
            var r = new OfflineImport("synthetic", pageCache, "2g", log).load(dir, home);
            return new Run("offline importer (OfflineImport)", Double.NaN, Double.NaN, r.total().toNanos() / 1e9,
                    rows / (r.total().toNanos() / 1e9), r.nodes(), r.relationships(),
                    String.format(java.util.Locale.ROOT, "prepare %.1f s, import %.1f s, start + schema + indexes online %.1f s",
                            r.prepareTime().toNanos() / 1e9, r.importTime().toNanos() / 1e9, r.schemaTime().toNanos() / 1e9),
                    before, Benchmark.loadAverage());
        } finally {
            if (keep == null) OfflineImport.deleteTree(home);
        }
    }

    private Run driver(Path work, long rows, String before) throws Exception {
        Path home = Files.createTempDirectory(work, "driver-");
        try (EmbeddedNeo4j db = EmbeddedNeo4j.start(home, 0, pageCache);
             Driver driver = GraphDatabase.driver(db.boltUri(), AuthTokens.none())) {
            BulkLoader loader = new BulkLoader(driver, "synthetic", batch, 1, log);
            loader.ensureSchema();
            var r = loader.load(dir);
            return new Run("driver UNWIND batches (BulkLoader, 1 writer)", r.nodeTime().toNanos() / 1e9,
                    r.relationshipTime().toNanos() / 1e9, r.total().toNanos() / 1e9, rows / (r.total().toNanos() / 1e9),
                    r.nodes(), r.relationships(), "batches of " + batch + " rows, parsing on its own thread",
                    before, Benchmark.loadAverage());
        } finally {
            OfflineImport.deleteTree(home);
        }
    }

    private Run loadCsv(Path work, long rows, boolean perType, String before) throws Exception {
        Path home = Files.createTempDirectory(work, "loadcsv-");
        try (EmbeddedNeo4j db = EmbeddedNeo4j.start(home, 0, pageCache);
             Driver driver = GraphDatabase.driver(db.boltUri(), AuthTokens.none())) {
            new BulkLoader(driver, "synthetic", batch, null).ensureSchema();
            try (Session s = driver.session()) {
                Map<String, Object> params = new HashMap<>(Map.of("dataset", "synthetic", "batch", batch));
                long t0 = System.nanoTime();
                params.put("url", dir.resolve("nodes.csv").toAbsolutePath().toUri().toString());
                s.run(loadCsvNodes(), params).consume();
                long t1 = System.nanoTime();
                params.put("url", dir.resolve("relationships.csv").toAbsolutePath().toUri().toString());
                if (perType) {
                    for (RelType type : RelType.values()) s.run(loadCsvRelationshipsOfType(type), params).consume();
                } else {
                    s.run(loadCsvRelationships(), params).consume();
                }
                long t2 = System.nanoTime();
                long nodes = s.run("MATCH (n:Entity) RETURN count(n) AS n").single().get("n").asLong();
                long rels = s.run("MATCH ()-[r]->() RETURN count(r) AS n").single().get("n").asLong();
                return new Run(perType ? "LOAD CSV IN TRANSACTIONS, one pass per relationship type"
                        : "LOAD CSV IN TRANSACTIONS, one pass (FOREACH per type)",
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, rows / ((t2 - t0) / 1e9), nodes, rels,
                        "transactions of " + batch + " rows", before, Benchmark.loadAverage());
            }
        } finally {
            OfflineImport.deleteTree(home);
        }
    }

    /** Labels from the NodeType allow-list, static in the text, one FOREACH per type. */
    static String loadCsvNodes() {
        String labels = Arrays.stream(NodeType.values())
                .map(t -> "FOREACH (_ IN CASE WHEN row.type = '%s' THEN [1] ELSE [] END | SET n:%s)".formatted(t.name(), t.name()))
                .collect(Collectors.joining("\n  "));
        return """
                LOAD CSV WITH HEADERS FROM $url AS row
                CALL (row) {
                  MERGE (n:Entity {id: row.id})
                  SET n.name = row.name, n.type = row.type, n.dataset = $dataset, n.document = row.source_document,
                      n.aliases = CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE split(row.aliases, ';') END,
                      n.aliasText = replace(coalesce(row.aliases, ''), ';', ' | '),
                      n.normalisedName = toLower(row.name),
                      n.country = CASE WHEN coalesce(row.country, '') = '' THEN null ELSE row.country END,
                      n.iso2 = CASE WHEN row.type = 'Country' THEN row.country END,
                      n.classification = CASE WHEN row.type = 'Country' THEN row.sector END
                  %s
                  WITH n, row
                  OPTIONAL MATCH (c:Entity {id: 'country-' + toLower(row.country)})
                  SET n.side = c.classification
                } IN TRANSACTIONS OF $batch ROWS
                """.formatted(labels);
    }

    private static final String REL_SET = """
            SET r.dataset = $dataset, r.document = row.source_document, r.inferred = false,
                r.year = toInteger(row.year), r.start = toInteger(row.start), r.end = toInteger(row.end),
                r.share = toFloat(row.share), r.tier = toInteger(row.tier)""";

    /** One pass; each row's MERGE has a static type, picked by a FOREACH per type of the RelType allow-list. */
    static String loadCsvRelationships() {
        String merges = Arrays.stream(RelType.values()).map(t -> """
                  FOREACH (_ IN CASE WHEN row.type = '%1$s' THEN [1] ELSE [] END |
                    MERGE (a)-[r:%1$s {id: row.source + '.%1$s.' + row.target}]->(b)
                    %2$s)""".formatted(t.name(), REL_SET)).collect(Collectors.joining("\n"));
        return """
                LOAD CSV WITH HEADERS FROM $url AS row
                CALL (row) {
                  MATCH (a:Entity {id: row.source})
                  MATCH (b:Entity {id: row.target})
                %s
                } IN TRANSACTIONS OF $batch ROWS
                """.formatted(merges);
    }

    static String loadCsvRelationshipsOfType(RelType type) {
        return """
                LOAD CSV WITH HEADERS FROM $url AS row
                WITH row WHERE row.type = '%1$s'
                CALL (row) {
                  MATCH (a:Entity {id: row.source})
                  MATCH (b:Entity {id: row.target})
                  MERGE (a)-[r:%1$s {id: row.source + '.%1$s.' + row.target}]->(b)
                  %2$s
                } IN TRANSACTIONS OF $batch ROWS
                """.formatted(type.name(), REL_SET);
    }
}

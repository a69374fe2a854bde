package org.filiere.synthetic;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.filiere.db.MigrationRunner;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the native import CSV files ({@code nodes.csv}, {@code relationships.csv}, headers in
 * {@link SyntheticGenerator}) through the driver: streamed, {@code UNWIND} batches, one transaction
 * per batch, nodes first. Idempotent: nodes are merged on {@code :Entity {id}}, relationships on
 * their {@code source.TYPE.target} id. Type labels and relationship types are checked against
 * {@link NodeType} / {@link RelType} before they reach Cypher.
 *
 * <p>Properties follow docs/model.md: {@code country} is the CSV's ISO-2 and {@code side} the
 * classification of that country. Country rows give their ISO-2 in the {@code country} column and
 * their classification (north / south / other) in the {@code sector} column.
 */
public final class BulkLoader {

    public static final int DEFAULT_BATCH = 10_000;

    static final String NODE_BATCH = """
            UNWIND $rows AS row
            MERGE (n:Entity {id: row.id})
            SET n += row.props, n:$(row.type)
            """;

    /**
     * The type is written into the text (from the RelType allow-list): with a dynamic type,
     * {@code MERGE (a)-[r:$(row.type) {id: …}]->(b)} plans as a scan of all relationships per row
     * in 5.26, which made loads quadratic (2k rows/s at 50k relationships).
     */
    static final String REL_BATCH = """
            UNWIND $rows AS row
            MATCH (a:Entity {id: row.source})
            MATCH (b:Entity {id: row.target})
            MERGE (a)-[r:%s {id: row.id}]->(b)
            SET r += row.props
            RETURN count(r) AS written
            """;

    public record Result(long nodes, long relationships, long skippedRelationships, Duration nodeTime, Duration relationshipTime) {
        public Duration total() {
            return nodeTime.plus(relationshipTime);
        }

        public double rowsPerSecond() {
            return (nodes + relationships) / Math.max(1e-9, total().toNanos() / 1e9);
        }
    }

    private final Driver driver;
    private final String dataset;
    private final int batchSize;
    private final PrintStream progress;

    public BulkLoader(Driver driver, String dataset, int batchSize, PrintStream progress) {
        this.driver = driver;
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /** Creates the constraints and indexes of docs/model.md (the app's migrations) if missing. */
    public void ensureSchema() {
        new MigrationRunner(Neo4jClient.create(driver), "classpath:cypher/migrations").migrate();
    }

    public Result load(Path dir) throws IOException {
        Path nodesFile = dir.resolve("nodes.csv");
        Path relsFile = dir.resolve("relationships.csv");
        // First pass: row counts for the progress bar and the (few) country classifications for `side`.
        Map<String, String> sides = new HashMap<>();
        long nodeRows = 0;
        try (CSVParser parser = parser(nodesFile)) {
            for (CSVRecord rec : parser) {
                nodeRows++;
                if ("Country".equalsIgnoreCase(rec.get("type")) && !rec.get("sector").isBlank()) {
                    sides.put(rec.get("country").toUpperCase(Locale.ROOT), rec.get("sector").strip());
                }
            }
        }
        long relRows = countLines(relsFile) - 1;

        long started = System.nanoTime();
        long nodes = 0;
        Progress bar = new Progress("nodes", nodeRows, progress);
        try (Session session = driver.session(); CSVParser parser = parser(nodesFile)) {
            List<Map<String, Object>> batch = new ArrayList<>(batchSize);
            for (CSVRecord rec : parser) {
                batch.add(nodeRow(rec, sides));
                if (batch.size() == batchSize) {
                    nodes += write(session, NODE_BATCH, batch, false);
                    bar.update(nodes);
                }
            }
            nodes += write(session, NODE_BATCH, batch, false);
            bar.done(nodes);
        }
        Duration nodeTime = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        long read = 0;
        long written = 0;
        bar = new Progress("relationships", relRows, progress);
        try (Session session = driver.session(); CSVParser parser = parser(relsFile)) {
            // One buffer per type (at most RelType.values().length × batchSize rows held).
            Map<RelType, List<Map<String, Object>>> batches = new java.util.EnumMap<>(RelType.class);
            for (CSVRecord rec : parser) {
                Map<String, Object> row = relRow(rec);
                RelType type = RelType.valueOf((String) row.get("type"));
                List<Map<String, Object>> batch = batches.computeIfAbsent(type, t -> new ArrayList<>(batchSize));
                batch.add(row);
                read++;
                if (batch.size() == batchSize) {
                    written += write(session, REL_BATCH.formatted(type.name()), batch, true);
                    bar.update(read);
                }
            }
            for (var e : batches.entrySet()) {
                written += write(session, REL_BATCH.formatted(e.getKey().name()), e.getValue(), true);
            }
            bar.done(read);
        }
        Duration relTime = Duration.ofNanos(System.nanoTime() - started);
        if (read != written && progress != null) {
            progress.printf("%,d relationship rows skipped: an endpoint id is not in the graph%n", read - written);
        }
        return new Result(nodes, written, read - written, nodeTime, relTime);
    }

    private Map<String, Object> nodeRow(CSVRecord rec, Map<String, String> sides) {
        String id = required(rec, "id");
        if (!Names.isSlug(id)) throw new IllegalArgumentException("Line " + rec.getRecordNumber() + ": id '" + id + "' is not a slug");
        NodeType type = NodeType.parse(required(rec, "type"))
                .orElseThrow(() -> new IllegalArgumentException("Line " + rec.getRecordNumber() + ": unknown node type '" + rec.get("type") + "'"));
        String name = required(rec, "name").strip();
        List<String> aliases = rec.get("aliases").isBlank() ? List.of()
                : Arrays.stream(rec.get("aliases").split(";")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", id);
        props.put("name", name);
        props.put("type", type.name());
        props.put("dataset", dataset);
        props.put("aliases", aliases);
        props.put("aliasText", String.join(" | ", aliases));
        props.put("normalisedName", Names.normalise(name));
        String iso2 = rec.get("country").strip().toUpperCase(Locale.ROOT);
        if (!iso2.isEmpty()) {
            props.put("country", iso2);
            String side = sides.get(iso2);
            if (side != null) props.put("side", side);
        }
        if (type == NodeType.Country) {
            props.put("iso2", iso2);
            if (!rec.get("sector").isBlank()) props.put("classification", rec.get("sector").strip());
        }
        provenance(rec, props);
        return Map.of("id", id, "type", type.name(), "props", props);
    }

    private Map<String, Object> relRow(CSVRecord rec) {
        String source = required(rec, "source");
        String target = required(rec, "target");
        RelType type = RelType.parse(required(rec, "type"))
                .orElseThrow(() -> new IllegalArgumentException("Line " + rec.getRecordNumber() + ": unknown relationship type '" + rec.get("type") + "'"));
        String id = source + "." + type.name() + "." + target;
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", id);
        props.put("dataset", dataset);
        props.put("inferred", false);
        for (String key : List.of("year", "start", "end", "tier")) {
            String v = rec.get(key).strip();
            if (!v.isEmpty()) props.put(key, Long.parseLong(v));
        }
        String share = rec.get("share").strip();
        if (!share.isEmpty()) props.put("share", Double.parseDouble(share));
        provenance(rec, props);
        return Map.of("source", source, "target", target, "type", type.name(), "id", id, "props", props);
    }

    private static void provenance(CSVRecord rec, Map<String, Object> props) {
        String document = rec.get("source_document").strip();
        if (!document.isEmpty()) props.put("document", document);
        String quote = rec.get("quote").strip();
        if (!quote.isEmpty()) {
            props.put("quotes", List.of(quote));
            props.put("quoteSections", List.of(""));
        }
    }

    private static long write(Session session, String query, List<Map<String, Object>> batch, boolean counted) {
        if (batch.isEmpty()) return 0;
        List<Map<String, Object>> rows = List.copyOf(batch);
        batch.clear();
        return session.executeWrite(tx -> {
            var result = tx.run(query, Map.of("rows", rows));
            if (counted) return result.single().get("written").asLong();
            result.consume();
            return (long) rows.size();
        });
    }

    private static String required(CSVRecord rec, String column) {
        String v = rec.get(column);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Line " + rec.getRecordNumber() + ": column '" + column + "' is empty");
        }
        return v;
    }

    static CSVParser parser(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    }

    static long countLines(Path file) throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (r.readLine() != null) n++;
        }
        return n;
    }

    /** A one-line progress bar on stderr: rows done / total and rows per second. */
    static final class Progress {
        private final String what;
        private final long total;
        private final PrintStream out;
        private final long started = System.nanoTime();
        private long lastPrint;

        Progress(String what, long total, PrintStream out) {
            this.what = what;
            this.total = Math.max(1, total);
            this.out = out;
        }

        void update(long done) {
            long now = System.nanoTime();
            if (out == null || now - lastPrint < 200_000_000L) return;
            lastPrint = now;
            print(done, "\r");
        }

        void done(long done) {
            if (out != null) print(done, "\n");
        }

        private void print(long done, String end) {
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            int width = 30;
            int filled = (int) Math.min(width, width * done / total);
            out.printf(Locale.ROOT, "%-13s [%s%s] %3d%% %,d/%,d rows  %,.0f rows/s%s", what,
                    "#".repeat(filled), ".".repeat(width - filled), 100 * done / total, done, total, done / seconds, end);
            out.flush();
        }
    }
}

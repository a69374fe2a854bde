package org.filiere.synthetic;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.filiere.db.MigrationRunner;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the native import CSV files ({@code nodes.csv}, {@code relationships.csv}, headers in
 * {@link SyntheticGenerator}) through the driver into a database that may already hold data:
 * streamed, {@code UNWIND} batches per node type / relationship type (static labels and types in
 * the statement text), one transaction per batch, nodes first. Parsing and conversion run on the
 * calling thread while the writer thread(s) run transactions (bounded queues: memory stays at a
 * few batches). For a store that does not exist yet, {@link OfflineImport} is much faster. Idempotent: nodes are merged on {@code :Entity {id}}, relationships on
 * their {@code source.TYPE.target} id. Type labels and relationship types are checked against
 * {@link NodeType} / {@link RelType} before they reach Cypher.
 *
 * <p>Properties follow docs/model.md: {@code country} is the CSV's ISO-2 and {@code side} the
 * classification of that country. Country rows give their ISO-2 in the {@code country} column and
 * their classification (north / south / other) in the {@code sector} column.
 */
public final class BulkLoader {

    public static final int DEFAULT_BATCH = 10_000;

    /**
     * Per node type, with the label in the text (from the NodeType allow-list): a dynamic
     * {@code SET n:$(row.type)} plans two Eager operators and took twice as long per batch.
     */
    static final String NODE_BATCH = """
            UNWIND $rows AS row
            MERGE (n:Entity {id: row.id})
            SET n += row.props, n:%s
            """;

    /** Batches waiting per writer: enough to keep it busy while the next one is parsed. */
    static final int QUEUED_BATCHES = 2;

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
    private final int writers;

    public BulkLoader(Driver driver, String dataset, int batchSize, PrintStream progress) {
        this(driver, dataset, batchSize, 1, progress);
    }

    /** @param writers concurrent write transactions (rows of one source node always go to the same one) */
    public BulkLoader(Driver driver, String dataset, int batchSize, int writers, PrintStream progress) {
        if (writers < 1) throw new IllegalArgumentException("At least one writer");
        this.driver = driver;
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.writers = writers;
        this.progress = progress;
    }

    /** Creates the constraints and indexes of docs/model.md (the app's migrations) if missing. */
    public void ensureSchema() {
        new MigrationRunner(Neo4jClient.create(driver), "classpath:cypher/migrations").migrate();
    }

    public Result load(Path dir) throws IOException {
        Path nodesFile = dir.resolve("nodes.csv");
        Path relsFile = dir.resolve("relationships.csv");
        // First pass: the (few) country classifications for `side`, and row counts for the progress bar.
        Map<String, String> sides = NativeRows.sides(nodesFile);
        long nodeRows = NativeRows.countLines(nodesFile) - 1;
        long relRows = NativeRows.countLines(relsFile) - 1;

        long started = System.nanoTime();
        Progress bar = new Progress("nodes", nodeRows, progress);
        long[] nodeCounts = pipeline(nodesFile, bar, (rec, emit) -> {
            NativeRows.NodeRow row = NativeRows.node(rec, sides, dataset);
            // Nodes have no order constraints between them: spread them over the writers.
            emit.accept(NODE_BATCH.formatted(row.type().name()), (int) (rec.getRecordNumber() % writers),
                    Map.of("id", row.id(), "props", row.props()));
        }, false);
        Duration nodeTime = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        bar = new Progress("relationships", relRows, progress);
        long[] relCounts = pipeline(relsFile, bar, (rec, emit) -> {
            NativeRows.RelRow row = NativeRows.relationship(rec, dataset);
            // All rows from one source go to one writer, so a (source, type, target) is never merged twice at once.
            emit.accept(REL_BATCH.formatted(row.type().name()), Math.floorMod(row.source().hashCode(), writers),
                    Map.of("source", row.source(), "target", row.target(), "id", row.id(), "props", row.props()));
        }, true);
        Duration relTime = Duration.ofNanos(System.nanoTime() - started);
        long read = relCounts[0];
        long written = relCounts[1];
        if (read != written && progress != null) {
            progress.printf("%,d relationship rows skipped: an endpoint id is not in the graph%n", read - written);
        }
        return new Result(nodeCounts[1], written, read - written, nodeTime, relTime);
    }

    @FunctionalInterface
    interface Emit {
        /** Adds a row to the batch of (query, writer). */
        void accept(String query, int writer, Map<String, Object> row);
    }

    @FunctionalInterface
    interface RowMapper {
        void map(CSVRecord rec, Emit emit);
    }

    private record Key(int writer, String query) {
    }

    private record Batch(String query, List<Map<String, Object>> rows) {
        static final Batch END = new Batch("", List.of());
    }

    /**
     * Parses and converts rows on this thread while {@code writers} threads run the transactions,
     * each fed through a small bounded queue (memory stays at a few batches per writer). Rows are
     * buffered per (query, writer): relationship batches are per type, so every statement has a
     * static type.
     *
     * @return {rows read, rows written}
     */
    private long[] pipeline(Path file, Progress bar, RowMapper mapper, boolean counted) throws IOException {
        List<BlockingQueue<Batch>> queues = new ArrayList<>();
        List<Future<Long>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "bulk-writer");
            t.setDaemon(true);
            return t;
        });
        AtomicLong written = new AtomicLong();
        long read = 0;
        try {
            for (int w = 0; w < writers; w++) {
                BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
                queues.add(queue);
                results.add(pool.submit(() -> {
                    long n = 0;
                    try (Session session = driver.session()) {
                        for (Batch b = queue.take(); b != Batch.END; b = queue.take()) {
                            long done = write(session, b.query(), b.rows(), counted);
                            n += done;
                            written.addAndGet(done);
                        }
                    }
                    return n;
                }));
            }
            Map<Key, List<Map<String, Object>>> buffers = new HashMap<>();
            long[] readCount = {0};
            try (CSVParser parser = NativeRows.parser(file)) {
                for (CSVRecord rec : parser) {
                    mapper.map(rec, (query, writer, row) -> {
                        List<Map<String, Object>> buffer = buffers.computeIfAbsent(new Key(writer, query), k -> new ArrayList<>(batchSize));
                        buffer.add(row);
                        if (buffer.size() == batchSize) {
                            put(queues.get(writer), new Batch(query, List.copyOf(buffer)), results.get(writer));
                            buffer.clear();
                        }
                    });
                    if ((++readCount[0] & 1023) == 0) bar.update(readCount[0]);
                }
            }
            read = readCount[0];
            for (var e : buffers.entrySet()) {
                if (e.getValue().isEmpty()) continue;
                int writer = e.getKey().writer();
                put(queues.get(writer), new Batch(e.getKey().query(), List.copyOf(e.getValue())), results.get(writer));
            }
            for (int w = 0; w < writers; w++) put(queues.get(w), Batch.END, results.get(w));
            long total = 0;
            for (Future<Long> f : results) total += f.get();
            bar.done(read);
            return new long[] {read, total};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading " + file, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException("Loading " + file + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for room in a writer's queue, but not for a writer that has died (its failure is rethrown). */
    private static void put(BlockingQueue<Batch> queue, Batch batch, Future<Long> writer) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (writer.isDone()) {
                    writer.get();
                    throw new IllegalStateException("A bulk writer stopped early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException("A bulk writer failed", e.getCause());
        }
    }

    private static long write(Session session, String query, List<Map<String, Object>> rows, boolean counted) {
        if (rows.isEmpty()) return 0;
        return session.executeWrite(tx -> {
            var result = tx.run(query, Map.of("rows", rows));
            if (counted) return result.single().get("written").asLong();
            result.consume();
            return (long) rows.size();
        });
    }

    static CSVParser parser(Path file) throws IOException {
        return NativeRows.parser(file);
    }

    static long countLines(Path file) throws IOException {
        return NativeRows.countLines(file);
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

package org.filiere.synthetic;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.filiere.db.EmbeddedNeo4j;
import org.filiere.db.MigrationRunner;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.springframework.data.neo4j.core.Neo4jClient;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Loads the native import CSV files into an embedded store that does not exist yet with Neo4j's
 * offline importer (the code behind {@code neo4j-admin database import full}, shipped in the
 * Community artifacts as {@code neo4j-import-tool}). It writes store files directly, without
 * transactions, locks or index maintenance per row, which is why it beats any transactional
 * loader on an empty database (the transactional writer is single-threaded bound here).
 *
 * <p>Steps: (1) prepare — both files are rewritten at once, each by a parsing thread feeding one
 * formatting thread per core, into the importer's header format with the properties of docs/model.md (the same {@link NativeRows} conversion as the driver
 * loader); (2) import; (3) start the database, apply the app's migrations (constraints, indexes,
 * full-text index) and wait until every index is online. The reported time covers all three.
 *
 * <p>Only for a new store: the importer refuses to write over a database, and so does this class
 * (use {@link BulkLoader} to add to an existing graph). Duplicate node ids fail the import;
 * relationships whose endpoint is missing are skipped and counted, as {@link BulkLoader} does.
 * Unlike the driver loader it does not merge duplicate relationship rows.
 */
public final class OfflineImport {

    /** Between array elements and labels in the prepared files: a control character no name or quote contains. */
    static final char ARRAY_DELIMITER = '\u001F';

    static final List<String> NODE_COLUMNS = List.of("id", "name", "type", "dataset", "aliases", "aliasText",
            "normalisedName", "country", "side", "iso2", "classification", "document", "quotes", "quoteSections");
    static final List<String> NODE_HEADER = List.of("id:ID", ":LABEL", "name", "type", "dataset", "aliases:string[]",
            "aliasText", "normalisedName", "country", "side", "iso2", "classification", "document", "quotes:string[]",
            "quoteSections:string[]");
    static final List<String> REL_COLUMNS = List.of("id", "dataset", "inferred", "year", "start", "end", "tier", "share",
            "document", "quotes", "quoteSections");
    static final List<String> REL_HEADER = List.of(":START_ID", ":END_ID", ":TYPE", "id", "dataset", "inferred:boolean",
            "year:long", "start:long", "end:long", "tier:long", "share:double", "document", "quotes:string[]",
            "quoteSections:string[]");

    public record Result(long nodes, long relationships, long skippedRelationships,
                         Duration prepareTime, Duration importTime, Duration schemaTime) {
        public Duration total() {
            return prepareTime.plus(importTime).plus(schemaTime);
        }

        public double rowsPerSecond() {
            return (nodes + relationships) / Math.max(1e-9, total().toNanos() / 1e9);
        }
    }

    private final String dataset;
    private final String pageCache;
    private final String importMemory;
    private final PrintStream progress;

    /**
     * @param pageCache    page cache of the database started afterwards (null = Neo4j's default)
     * @param importMemory the importer's off-heap budget, e.g. {@code 2g} (its own default, 90 % of
     *                     free memory, is unfriendly on a shared machine)
     */
    public OfflineImport(String dataset, String pageCache, String importMemory, PrintStream progress) {
        this.dataset = dataset;
        this.pageCache = pageCache;
        this.importMemory = importMemory;
        this.progress = progress;
    }

    /** Whether the embedded store under {@code home} already holds a {@code neo4j} database. */
    public static boolean storeExists(Path home) throws IOException {
        Path db = home.resolve("data").resolve("databases").resolve(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!Files.isDirectory(db)) return false;
        try (Stream<Path> files = Files.list(db)) {
            return files.findAny().isPresent();
        }
    }

    public Result load(Path csvDir, Path requestedHome) throws IOException {
        // Neo4j refuses a home such as /data/./store: it must be normalised.
        Path home = requestedHome.toAbsolutePath().normalize();
        if (storeExists(home)) {
            throw new IllegalStateException("A database already exists in " + home.toAbsolutePath()
                    + ": the offline importer only creates new stores. Load with --mode transactional to add to it.");
        }
        Files.createDirectories(home);
        Path work = Files.createTempDirectory(home, "import-");
        try {
            long t0 = System.nanoTime();
            Prepared prepared = prepare(csvDir, work);
            long t1 = System.nanoTime();
            long bad = runImporter(home, work, prepared);
            long t2 = System.nanoTime();
            long nodes;
            long rels;
            try (EmbeddedNeo4j db = EmbeddedNeo4j.start(home, 0, pageCache);
                 Driver driver = GraphDatabase.driver(db.boltUri(), AuthTokens.none())) {
                new MigrationRunner(Neo4jClient.create(driver), "classpath:cypher/migrations").migrate();
                try (Session s = driver.session()) {
                    // The importer reads an empty array cell as "no property"; docs/model.md gives every node a list.
                    s.run("""
                            MATCH (n:Entity) WHERE n.aliases IS NULL
                            CALL (n) { SET n.aliases = [] } IN TRANSACTIONS OF 10000 ROWS
                            """).consume();
                    // Constraints and indexes are populated in the background: the load ends when they are usable.
                    s.run("CALL db.awaitIndexes(86400)").consume();
                    nodes = s.run("MATCH (n:Entity) RETURN count(n) AS n").single().get("n").asLong();
                    rels = s.run("MATCH ()-[r]->() RETURN count(r) AS n").single().get("n").asLong();
                }
            }
            long t3 = System.nanoTime();
            if (progress != null) {
                progress.printf("Offline import: prepared in %.1f s, imported in %.1f s, schema and indexes in %.1f s%n",
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
                if (bad > 0) progress.printf("%,d relationship rows skipped: an endpoint id is not in the graph%n", bad);
            }
            return new Result(nodes, rels, bad, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2));
        } finally {
            deleteTree(work);
        }
    }

    /** Header file first, then the part files (no header), as the importer's file groups want them. */
    record Prepared(List<Path> nodes, List<Path> relationships, long nodeRows, long relationshipRows, boolean multiline) {
    }

    private static final int PREPARE_BATCH = 2_000;

    /**
     * Rewrites both files at once. Per file, one thread parses and hands batches of rows to
     * {@code formatters} threads that convert and print them, each into its own part file (the
     * importer reads a file group as one file, in any order): conversion and printing cost more
     * than parsing, so this spreads the long relationship file over the cores.
     */
    Prepared prepare(Path csvDir, Path work) throws IOException {
        Map<String, String> sides = NativeRows.sides(csvDir.resolve("nodes.csv"));
        AtomicBoolean multiline = new AtomicBoolean();
        int formatters = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "offline-import-prepare");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Part> nodes = pool.submit(() -> rewrite(csvDir.resolve("nodes.csv"), work, "nodes", NODE_HEADER, formatters, pool,
                    (rec, values) -> {
                        NativeRows.NodeRow row = NativeRows.node(rec, sides, dataset);
                        values.add(row.id());
                        values.add("Entity" + ARRAY_DELIMITER + row.type().name());
                        for (String column : NODE_COLUMNS.subList(1, NODE_COLUMNS.size())) {
                            values.add(cell(row.props().get(column), multiline));
                        }
                    }));
            Future<Part> rels = pool.submit(() -> rewrite(csvDir.resolve("relationships.csv"), work, "relationships", REL_HEADER,
                    formatters, pool, (rec, values) -> {
                        NativeRows.RelRow row = NativeRows.relationship(rec, dataset);
                        values.add(row.source());
                        values.add(row.target());
                        values.add(row.type().name());
                        for (String column : REL_COLUMNS) {
                            values.add(cell(row.props().get(column), multiline));
                        }
                    }));
            Part n = nodes.get();
            Part r = rels.get();
            return new Prepared(n.files(), r.files(), n.rows(), r.rows(), multiline.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing the import files", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Part(List<Path> files, long rows) {
    }

    @FunctionalInterface
    private interface RowWriter {
        void values(CSVRecord rec, List<Object> values);
    }

    private static final List<CSVRecord> END = List.of();

    private Part rewrite(Path in, Path work, String kind, List<String> header, int formatters, ExecutorService pool, RowWriter writer)
            throws IOException, InterruptedException, ExecutionException {
        List<Path> files = new ArrayList<>();
        Path headerFile = work.resolve(kind + "-header.csv");
        try (CSVPrinter printer = printer(headerFile)) {
            printer.printRecord(header);
        }
        files.add(headerFile);
        List<java.util.concurrent.BlockingQueue<List<CSVRecord>>> queues = new ArrayList<>();
        List<Future<Long>> workers = new ArrayList<>();
        for (int w = 0; w < formatters; w++) {
            Path part = work.resolve(kind + "-" + w + ".csv");
            files.add(part);
            var queue = new java.util.concurrent.ArrayBlockingQueue<List<CSVRecord>>(4);
            queues.add(queue);
            workers.add(pool.submit(() -> {
                long n = 0;
                try (CSVPrinter printer = printer(part)) {
                    List<Object> values = new ArrayList<>(header.size());
                    for (List<CSVRecord> batch = queue.take(); batch != END; batch = queue.take()) {
                        for (CSVRecord rec : batch) {
                            values.clear();
                            writer.values(rec, values);
                            printer.printRecord(values);
                            n++;
                        }
                    }
                }
                return n;
            }));
        }
        int next = 0;
        try (CSVParser parser = NativeRows.parser(in)) {
            List<CSVRecord> batch = new ArrayList<>(PREPARE_BATCH);
            for (CSVRecord rec : parser) {
                batch.add(rec);
                if (batch.size() == PREPARE_BATCH) {
                    hand(queues.get(next), batch, workers.get(next));
                    next = (next + 1) % formatters;
                    batch = new ArrayList<>(PREPARE_BATCH);
                }
            }
            if (!batch.isEmpty()) hand(queues.get(next), batch, workers.get(next));
        }
        for (int w = 0; w < formatters; w++) hand(queues.get(w), END, workers.get(w));
        long rows = 0;
        for (Future<Long> f : workers) rows += f.get();
        return new Part(files, rows);
    }

    /** Waits for room in a formatter's queue, but not for a formatter that has failed (its failure is rethrown). */
    private static void hand(java.util.concurrent.BlockingQueue<List<CSVRecord>> queue, List<CSVRecord> batch, Future<Long> worker)
            throws InterruptedException, ExecutionException {
        while (!queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (worker.isDone()) {
                worker.get();
                throw new IllegalStateException("A formatter stopped early");
            }
        }
    }

    private static RuntimeException unwrap(ExecutionException e) throws IOException {
        Throwable cause = e.getCause();
        while (cause instanceof ExecutionException inner && inner.getCause() != null) cause = inner.getCause();
        if (cause instanceof IOException io) throw io;
        if (cause instanceof RuntimeException re) return re;
        return new IllegalStateException(cause);
    }

    /**
     * A property as the importer reads it: absent = unquoted empty cell (no property), a string
     * (even empty) quoted, lists joined with {@link #ARRAY_DELIMITER}.
     */
    private static Object cell(Object value, AtomicBoolean multiline) {
        if (value == null) return null;
        String text;
        if (value instanceof Collection<?> list) {
            StringBuilder b = new StringBuilder();
            for (Object o : list) {
                if (!b.isEmpty()) b.append(ARRAY_DELIMITER);
                b.append(String.valueOf(o).replace(ARRAY_DELIMITER, ' '));
            }
            text = b.toString();
        } else {
            text = String.valueOf(value);
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) multiline.set(true);
        return text;
    }

    private static CSVPrinter printer(Path file) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        // Every non-null value quoted, so an empty string stays an empty string; null stays an empty, unquoted cell.
        return new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                .setQuoteMode(QuoteMode.ALL_NON_NULL).setNullString(null).get());
    }

    /** @return the number of relationship rows skipped because an endpoint is missing */
    private long runImporter(Path home, Path work, Prepared prepared) throws IOException {
        Path report = work.resolve("import.report");
        List<String> args = new ArrayList<>(List.of(
                "--nodes=" + join(prepared.nodes()),
                "--relationships=" + join(prepared.relationships()),
                "--id-type=string",
                "--array-delimiter=U+" + String.format("%04X", (int) ARRAY_DELIMITER),
                "--skip-bad-relationships=true",
                "--skip-duplicate-nodes=false",
                "--bad-tolerance=" + Math.max(1000, prepared.relationshipRows()),
                "--report-file=" + report.toAbsolutePath(),
                "--max-off-heap-memory=" + importMemory,
                "--multiline-fields=" + prepared.multiline()));
        args.add(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        PrintStream out = progress != null ? progress : new PrintStream(java.io.OutputStream.nullOutputStream());
        try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            ExecutionContext context = new ExecutionContext(home.toAbsolutePath(), home.resolve("conf").toAbsolutePath(), out, out, fs);
            CommandLine command = new CommandLine(new ImportCommand.Full(context));
            int code = command.execute(args.toArray(String[]::new));
            if (code != 0) {
                throw new IllegalStateException("The offline importer failed (exit code " + code + "); see its messages above"
                        + (Files.exists(report) ? " and " + report : ""));
            }
        }
        if (!Files.exists(report)) return 0;
        try (Stream<String> lines = Files.lines(report, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    private static String join(List<Path> files) {
        return files.stream().map(p -> p.toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(","));
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.filiere.importing;

import org.filiere.curation.AuditLog;
import org.filiere.graph.NodeType;
import org.filiere.graph.NotFoundException;
import org.filiere.graph.ReadQueries;
import org.neo4j.driver.exceptions.Neo4jException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Import jobs: an upload is validated whole (streamed from its temporary file) in the request,
 * then written by one background thread — one import at a time. Up to
 * {@code filiere.import.single-transaction-rows} rows the write is a <b>single transaction</b> fed
 * by {@code UNWIND} batches: nothing is visible until it commits, and if the process dies Neo4j's
 * recovery discards it. Larger imports commit batch by batch under a {@link Journal} that a
 * failure or the next start-up rolls back. Either way the graph ends as before the import or with
 * all of it. Progress (rows done / total) and counts are updated per batch.
 *
 * <p>Running jobs live in memory (the last {@value #KEPT}); each finished job is also written as a
 * {@code :__ImportRecord} (migration V006), so its outcome is still there after a restart.
 */
@Service
public class ImportService {

    static final int KEPT = 100;
    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    /** The uploaded files of one import, in the order they are written. */
    record Upload(String name, Path path) {
    }

    interface Work {
        void write(GraphWriter writer, ImportJob job) throws IOException;
    }

    private final Neo4jClient client;
    private final ReadQueries reads;
    private final TransactionTemplate tx;
    private final double similarity;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "filiere-import");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    private final Deque<String> order = new ArrayDeque<>();

    public ImportService(Neo4jClient client, ReadQueries reads, PlatformTransactionManager transactions,
                         @Value("${filiere.import.similarity:0.85}") double similarity,
                         @Value("${filiere.import.single-transaction-rows:100000}") long singleTransactionRows) {
        this.client = client;
        this.reads = reads;
        this.tx = new TransactionTemplate(transactions);
        this.similarity = similarity;
        this.singleTransactionRows = singleTransactionRows;
    }

    /**
     * Up to this many rows an import is one transaction; above, a journaled series of batch
     * transactions ({@link Journal}). Measured: the transaction state of one import costs about
     * 3 KB of heap per relationship row, so 1,000,000 rows in one transaction would need a heap
     * of over 4 GB (docs/benchmarks/import.md).
     */
    private final long singleTransactionRows;

    boolean isLoadedDataset(String name) {
        return reads.read(c -> c.query("MATCH (d:__Dataset {name: $name}) RETURN count(d) > 0").bind(name).to("name")
                .fetchAs(Boolean.class).one().orElse(false));
    }

    Set<String> existingIds(Set<String> ids) {
        return existingTypes(ids).keySet();
    }

    /**
     * The given ids that name an entity, with its type; an id a curator merged away names the
     * survivor, which the write links to, and so has the survivor's type.
     */
    Map<String, NodeType> existingTypes(Set<String> ids) {
        Map<String, NodeType> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 10_000) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + 10_000));
            reads.read(c -> c.query("MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.type AS type").bind(batch).to("ids")
                    .fetch().all()).forEach(row -> put(found, (String) row.get("id"), (String) row.get("type")));
        }
        if (found.size() < ids.size()) {
            Set<String> missing = new HashSet<>(ids);
            missing.removeAll(found.keySet());
            Map<String, String> survivors = reads.read(c -> AuditLog.survivors(c, missing));
            Map<String, NodeType> survivorTypes = survivors.isEmpty() ? Map.of() : existingTypes(new HashSet<>(survivors.values()));
            survivors.forEach((id, survivor) -> found.put(id, survivorTypes.get(survivor)));
        }
        return found;
    }

    /** A stored type outside today's list (an older store) stays unknown: the write checks it against the graph. */
    private static void put(Map<String, NodeType> found, String id, String type) {
        found.put(id, type == null ? null : NodeType.parse(type).orElse(null));
    }

    /** Native CSV: validates both files, then queues the write. Deletes the files when done or rejected. */
    ImportJob.View nativeCsv(String dataset, String user, Upload nodes, Upload rels) throws IOException {
        Errors errors = new Errors();
        CsvImport.Checked checked = CsvImport.validate(nodes == null ? null : nodes.name(), nodes == null ? null : nodes.path(),
                rels == null ? null : rels.name(), rels == null ? null : rels.path(), this::existingTypes, errors);
        errors.throwIfAny();
        long total = checked.nodeRows + checked.relRows;
        checked.nodeIds.clear();
        return submit(dataset, user, total, 0, files(nodes, rels), (writer, job) -> {
            CsvImport csv = new CsvImport(new Errors());
            if (nodes != null) {
                writer.file(nodes.name());
                List<GraphWriter.NodeWrite> batch = new ArrayList<>(GraphWriter.BATCH);
                csv.readNodes(nodes.name(), nodes.path(), n -> {
                    batch.add(new GraphWriter.NodeWrite(n.id(), n.type(), NativeRows.node(n)));
                    if (batch.size() == GraphWriter.BATCH) writer.nodes(batch);
                });
                writer.nodes(batch);
            }
            if (rels != null) {
                writer.file(rels.name());
                csv.readRelationships(rels.name(), rels.path(), r ->
                        writer.relationship(new GraphWriter.RelWrite(r.source(), r.target(), r.type(), r.id(), r.row(), NativeRows.rel(r))));
                writer.flush();
            }
        });
    }

    ImportJob.View mapped(String dataset, String user, Upload file, Mapping mapping) throws IOException {
        Errors errors = new Errors();
        long rows = MappedImport.validate(file.name(), file.path(), mapping, this::existingIds, errors);
        errors.throwIfAny();
        return submit(dataset, user, rows, 0, files(file), (writer, job) -> MappedImport.write(file.name(), file.path(), mapping,
                rows, similarity, writer, job));
    }

    ImportJob.View ftm(String dataset, String user, Upload file) throws IOException {
        Errors errors = new Errors();
        FtmImport.Checked checked = FtmImport.validate(file.name(), file.path(), this::existingIds, errors);
        errors.throwIfAny();
        return submit(dataset, user, checked.lines, checked.skipped, files(file), (writer, job) -> FtmImport.write(file.name(),
                file.path(), checked, similarity, writer, job));
    }

    private static List<Path> files(Upload... uploads) {
        List<Path> out = new ArrayList<>();
        for (Upload u : uploads) {
            if (u != null) out.add(u.path());
        }
        return out;
    }

    private ImportJob.View submit(String dataset, String user, long rowsTotal, long skipped, List<Path> files, Work work) {
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), dataset, user, rowsTotal);
        job.skipped.set(skipped);
        synchronized (order) {
            order.addFirst(job.id);
            jobs.put(job.id, job);
            while (order.size() > KEPT) {
                String old = order.peekLast();
                ImportJob oldJob = jobs.get(old);
                if (oldJob != null && oldJob.status() != ImportJob.Status.succeeded && oldJob.status() != ImportJob.Status.failed) break;
                order.removeLast();
                jobs.remove(old);
            }
        }
        executor.execute(() -> {
            try {
                run(job, work);
            } finally {
                delete(files);
            }
        });
        return job.view();
    }

    private void run(ImportJob job, Work work) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        job.running(now.toInstant());
        try {
            if (job.rowsTotal <= singleTransactionRows) {
                GraphWriter writer = new GraphWriter(client, job, now, null);
                tx.executeWithoutResult(status -> {
                    try {
                        work.write(writer, job);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } else {
                Journal journal = new Journal(client, tx, job.id);
                journal.begin(job.dataset, job.importedBy, now);
                try {
                    try {
                        work.write(new GraphWriter(client, job, now, journal), job);
                        log.info("Import {}: {} rows written in journaled batches in {} ms; committing", job.id, job.rowsTotal,
                                java.time.Duration.between(now.toInstant(), Instant.now()).toMillis());
                    } catch (IOException io) {
                        throw new java.io.UncheckedIOException(io);
                    }
                } catch (RuntimeException | Error e) {
                    try {
                        journal.rollback();
                    } catch (RuntimeException r) {
                        e.addSuppressed(r); // the next start-up finishes the rollback (ImportRecovery)
                    }
                    throw e;
                }
                journal.commit();
            }
            job.succeeded();
            log.info("Import {} of dataset '{}' by {}: {} rows in {} ms", job.id, job.dataset, job.importedBy, job.rowsTotal,
                    java.time.Duration.between(now.toInstant(), Instant.now()).toMillis());
        } catch (RuntimeException | Error e) {
            log.warn("Import {} of dataset '{}' failed and was rolled back: {}", job.id, job.dataset, e.toString());
            job.failed(new ImportError(null, null, null, null, failure(e)));
        }
        record(job);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Keeps what a finished job did. In a transaction of its own, after the import's: a failed
     * import rolled back everything but this. If the database cannot take it, the job's data is
     * unaffected; only its record is missing after a restart.
     */
    private void record(ImportJob job) {
        try {
            tx.executeWithoutResult(s -> keep(client, job.view(), true));
        } catch (RuntimeException e) {
            log.warn("Import {}: could not keep its record ({}); its data is as reported", job.id, e.toString());
        }
    }

    /** Writes a job's record; {@code replace} false leaves one already kept as it is. */
    static void keep(Neo4jClient client, ImportJob.View view, boolean replace) {
        client.query("""
                MERGE (r:__ImportRecord {id: $id})
                WITH r WHERE $replace OR r.view IS NULL
                SET r.dataset = $dataset, r.status = $status, r.importedBy = $importedBy,
                    r.finishedAt = datetime($finishedAt), r.view = $view
                """).bindAll(Map.of("id", view.id(), "dataset", view.dataset(), "status", view.status().name(),
                "importedBy", view.importedBy(), "finishedAt", view.finishedAt(), "view", JSON.writeValueAsString(view),
                "replace", replace)).run();
    }

    /** The records of finished jobs, newest first: the one with {@code id}, or all when it is null. */
    private List<ImportJob.View> records(String id, int limit) {
        // Two statements rather than "$id IS NULL OR r.id = $id", which cannot use the unique index.
        List<String> views = reads.read(c -> id == null
                ? c.query("MATCH (r:__ImportRecord) RETURN r.view ORDER BY r.finishedAt DESC LIMIT $limit").bind(limit).to("limit")
                        .fetchAs(String.class).all()
                : c.query("MATCH (r:__ImportRecord {id: $id}) RETURN r.view").bind(id).to("id").fetchAs(String.class).all())
                .stream().toList();
        return views.stream().map(v -> JSON.readValue(v, ImportJob.View.class)).toList();
    }

    static String failure(Throwable e) {
        if (e instanceof GraphWriter.BatchRefused m) return m.getMessage();
        if (e instanceof OutOfMemoryError) {
            return "The server ran out of memory during the import; it was rolled back and nothing was imported. "
                    + "Import smaller files or give the server more heap.";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Neo4jException n && n.code() != null && n.code().contains("Memory")) {
                return "The import needs more transaction memory than the database allows (" + n.code() + "); it was "
                        + "rolled back and nothing was imported. Raise db.memory.transaction.max or import smaller files.";
            }
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "The import failed and was rolled back; nothing was imported: " + (m.length() > 300 ? m.substring(0, 300) + "…" : m);
    }

    ImportJob.View job(String id) {
        ImportJob job = jobs.get(id);
        if (job != null) return job.view();
        return records(id, 1).stream().findFirst().orElseThrow(() -> new NotFoundException("No import job '"
                + (id.length() > 60 ? id.substring(0, 60) : id) + "'."));
    }

    /** Jobs of this run first (running ones included), then the records of earlier ones, newest first. */
    List<ImportJob.View> recent(int limit) {
        Map<String, ImportJob.View> out = new java.util.LinkedHashMap<>();
        synchronized (order) {
            for (String id : order) {
                if (out.size() >= limit) break;
                ImportJob job = jobs.get(id);
                if (job != null) out.put(id, job.view());
            }
        }
        if (out.size() < limit) {
            for (ImportJob.View v : records(null, limit)) {
                if (out.size() >= limit) break;
                out.putIfAbsent(v.id(), v);
            }
        }
        return List.copyOf(out.values());
    }

    /** The temporary files of an upload go when its job ends (or at once if it is rejected). */
    static void delete(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("Could not delete temporary upload {}: {}", p, e.toString());
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}

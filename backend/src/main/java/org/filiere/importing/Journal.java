package org.filiere.importing;

import org.filiere.graph.NodeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * All-or-nothing for imports too large for one transaction (see docs/importing.md, "Large
 * imports"). The job writes one transaction per batch, and each batch transaction also records
 * how to undo it: every node and relationship the job writes carries {@code importJob}, and the
 * before-image of anything it overwrites (a re-import under the same dataset) is copied to an
 * {@code :__ImportUndo} node in the same transaction. A {@code :__ImportJob} node is the commit
 * point: {@code writing} until the last batch is in, then {@code committed}.
 *
 * <p>Rolling back (on failure, or at start-up for a job still {@code writing} after a crash)
 * restores the before-images, then deletes what still carries the job's id. Every step is
 * idempotent, so a crash during a rollback or a clean-up is finished at the next start.
 */
final class Journal {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final List<String> TYPE_LABELS = Arrays.stream(NodeType.values()).map(NodeType::name).toList();

    static final String SAVE_NODES = """
            UNWIND $ids AS id
            MATCH (n:Entity {id: id})
            WHERE n.dataset = $dataset AND coalesce(n.importJob, '') <> $job
            CREATE (u:__ImportUndo)
            SET u = properties(n), u.__job = $job, u.__kind = 'node', u.__labels = labels(n)
            """;

    static final String SAVE_RELATIONSHIPS = """
            UNWIND $rows AS row
            MATCH (:Entity {id: row.source})-[r:%s {id: row.id}]->(:Entity {id: row.target})
            WHERE r.dataset = $dataset AND coalesce(r.importJob, '') <> $job
            CREATE (u:__ImportUndo)
            SET u = properties(r), u.__job = $job, u.__kind = 'rel', u.__source = row.source, u.__target = row.target
            """;

    private static final List<String> ROLLBACK = List.of("""
            MATCH (u:__ImportUndo {__job: $job, __kind: 'node'})
            CALL (u) {
              MATCH (n:Entity {id: u.id})
              REMOVE n:$($typeLabels)
              SET n = properties(u)
              SET n:$(u.__labels)
              REMOVE n.__job, n.__kind, n.__labels
            } IN TRANSACTIONS OF 5000 ROWS""", """
            MATCH (u:__ImportUndo {__job: $job, __kind: 'rel'})
            CALL (u) {
              MATCH (:Entity {id: u.__source})-[r]->(:Entity {id: u.__target})
              WHERE r.id = u.id
              SET r = properties(u)
              REMOVE r.__job, r.__kind, r.__source, r.__target
            } IN TRANSACTIONS OF 5000 ROWS""", """
            MATCH (:Entity)-[r]->(:Entity)
            WHERE r.importJob = $job
            CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS""", """
            MATCH (n:Entity {importJob: $job})
            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS""");

    private static final String CLEAN_UP = """
            MATCH (u:__ImportUndo {__job: $job})
            CALL (u) { DELETE u } IN TRANSACTIONS OF 10000 ROWS""";

    private final Neo4jClient client;
    private final TransactionTemplate tx;
    private final String job;

    Journal(Neo4jClient client, TransactionTemplate tx, String job) {
        this.client = client;
        this.tx = tx;
        this.job = job;
    }

    void begin(String dataset, String user, ZonedDateTime at) {
        tx.executeWithoutResult(s -> client.query("CREATE (:__ImportJob {id: $job, dataset: $dataset, importedBy: $user, "
                + "startedAt: $at, status: 'writing'})").bindAll(Map.of("job", job, "dataset", dataset, "user", user, "at", at)).run());
    }

    /** Runs one batch in its own transaction (with its undo records). */
    <T> T batch(Supplier<T> work) {
        return tx.execute(s -> work.get());
    }

    void saveNodes(List<String> ids, String dataset) {
        client.query(SAVE_NODES).bindAll(Map.of("ids", ids, "dataset", dataset, "job", job)).run();
    }

    void saveRelationships(String type, List<Map<String, Object>> rows, String dataset) {
        client.query(SAVE_RELATIONSHIPS.formatted(type)).bindAll(Map.of("rows", rows, "dataset", dataset, "job", job)).run();
    }

    /** The commit point, then the clean-up of the undo records. */
    void commit() {
        long started = System.nanoTime();
        tx.executeWithoutResult(s -> client.query("MATCH (j:__ImportJob {id: $job}) SET j.status = 'committed'").bind(job).to("job").run());
        long committed = System.nanoTime();
        cleanUp(client, job);
        log.info("Import job {} committed in {} ms, journal removed in {} ms", job, (committed - started) / 1_000_000,
                (System.nanoTime() - committed) / 1_000_000);
    }

    void rollback() {
        rollback(client, job);
    }

    static void rollback(Neo4jClient client, String job) {
        long started = System.nanoTime();
        for (String statement : ROLLBACK) {
            client.query(statement).bindAll(Map.of("job", job, "typeLabels", TYPE_LABELS)).run();
        }
        cleanUp(client, job);
        log.info("Import job {} rolled back in {} ms", job, (System.nanoTime() - started) / 1_000_000);
    }

    private static void cleanUp(Neo4jClient client, String job) {
        client.query(CLEAN_UP).bind(job).to("job").run();
        client.query("MATCH (j:__ImportJob {id: $job}) DELETE j").bind(job).to("job").run();
    }

    /**
     * At start-up: finishes what a crash interrupted — rolls back jobs still writing, cleans up
     * committed ones. Runs before requests are served (a {@link org.filiere.db.GraphInitializer}).
     */
    static void recover(Neo4jClient client) {
        var jobs = client.query("""
                MATCH (j:__ImportJob)
                RETURN j.id AS id, j.status AS status, j.dataset AS dataset, j.importedBy AS user, j.startedAt AS startedAt
                """).fetch().all();
        for (var j : jobs) {
            String id = (String) j.get("id");
            // Its record, as GET /api/imports/{id} will show it after this start (ImportService.keep).
            ImportJob record = new ImportJob(id, (String) j.get("dataset"), (String) j.get("user"), 0);
            if (j.get("startedAt") instanceof java.time.ZonedDateTime at) record.running(at.toInstant());
            if ("committed".equals(j.get("status"))) {
                cleanUp(client, id);
                record.succeeded();
                record.note("The server stopped right after this import committed: its data is in the graph, its counts "
                        + "were not kept.");
            } else {
                log.warn("Import job {} of dataset '{}' was interrupted (server stopped or killed); rolling it back", id, j.get("dataset"));
                rollback(client, id);
                record.failed(new ImportError(null, null, null, null, "The server stopped during this import; it was rolled "
                        + "back at the next start and nothing of it is in the graph."));
            }
            ImportService.keep(client, record.view(), false);
        }
    }
}

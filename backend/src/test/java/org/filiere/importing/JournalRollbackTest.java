package org.filiere.importing;

import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal of large imports, driven directly: a re-import that renamed a firm, changed a
 * relationship and added others is undone by a rollback (after a failure) and by the start-up
 * recovery (after a crash) — the dataset is exactly as before.
 */
class JournalRollbackTest extends ApiTest {

    @Autowired Neo4jClient client;
    @Autowired PlatformTransactionManager transactions;

    private final String dataset = "test-journal-" + System.nanoTime();

    @BeforeEach
    void importTheDataset() {
        JsonNode job = api.awaitImport(api.postMultipart("/api/imports", Map.of("dataset", dataset), Map.of(
                "nodes", Map.entry("nodes.csv", "id,name,type\njr-a,Journal A,Company\njr-b,Journal B,Company\n".getBytes(StandardCharsets.UTF_8)),
                "relationships", Map.entry("relationships.csv", "source,target,type,year\njr-a,jr-b,SUPPLIES,2010\n".getBytes(StandardCharsets.UTF_8))),
                "admin", HarnessTest.ADMIN_PASSWORD));
        assertThat(job.get("status").asString()).isEqualTo("succeeded");
    }

    @AfterEach
    void removeIt() {
        Graph.deleteDataset(dataset);
        client.query("MATCH (n) WHERE n:__ImportUndo OR n:__ImportJob DETACH DELETE n").run();
    }

    @Test
    void a_rollback_restores_what_a_journaled_import_overwrote_and_removes_what_it_added() {
        String before = state();
        Journal journal = reimport();
        assertThat(state()).as("a journaled import is visible while it runs").isNotEqualTo(before);
        journal.rollback();
        assertThat(state()).isEqualTo(before);
        assertThat(Graph.count("MATCH (n) WHERE n:__ImportUndo OR n:__ImportJob RETURN count(n)")).isZero();
    }

    @Test
    void start_up_recovery_rolls_back_a_job_that_was_still_writing() {
        String before = state();
        reimport();
        Journal.recover(client);
        assertThat(state()).isEqualTo(before);
        assertThat(Graph.count("MATCH (n) WHERE n:__ImportUndo OR n:__ImportJob RETURN count(n)")).isZero();
    }

    @Test
    void a_committed_job_keeps_its_data_and_leaves_no_journal() {
        Journal journal = reimport();
        journal.commit();
        assertThat(Graph.count("MATCH (n:Entity:Site {id: 'jr-a', name: 'Journal A renamed'}) WHERE NOT n:Company RETURN count(n)")).isEqualTo(1);
        assertThat(Graph.count("MATCH (:Entity {id: 'jr-a'})-[r:SUPPLIES {year: 2020}]->(:Entity {id: 'jr-b'}) RETURN count(r)")).isEqualTo(1);
        assertThat(Graph.count("MATCH (n) WHERE n:__ImportUndo OR n:__ImportJob RETURN count(n)")).isZero();
        Journal.recover(client); // nothing to do
        assertThat(Graph.count("MATCH (n:Entity {id: 'jr-c'}) RETURN count(n)")).isEqualTo(1);
    }

    /** Re-imports the dataset through the journal: renames jr-a (and makes it a Site), re-dates a→b, adds jr-c and a→c. */
    private Journal reimport() {
        String id = UUID.randomUUID().toString();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ImportJob job = new ImportJob(id, dataset, "admin", 4);
        Journal journal = new Journal(client, new TransactionTemplate(transactions), id);
        journal.begin(dataset, "admin", now);
        GraphWriter writer = new GraphWriter(client, job, now, journal);
        writer.file("again.csv");
        List<GraphWriter.NodeWrite> nodes = new ArrayList<>();
        nodes.add(new GraphWriter.NodeWrite("jr-a", NodeType.Site, props("id", "jr-a", "name", "Journal A renamed", "type", "Site")));
        nodes.add(new GraphWriter.NodeWrite("jr-c", NodeType.Company, props("id", "jr-c", "name", "Journal C", "type", "Company")));
        writer.nodes(nodes);
        writer.relationship(new GraphWriter.RelWrite("jr-a", "jr-b", RelType.SUPPLIES, "jr-a.SUPPLIES.jr-b", 2,
                props("id", "jr-a.SUPPLIES.jr-b", "year", 2020L)));
        writer.relationship(new GraphWriter.RelWrite("jr-a", "jr-c", RelType.SUPPLIES, "jr-a.SUPPLIES.jr-c", 3,
                props("id", "jr-a.SUPPLIES.jr-c")));
        writer.flush();
        return journal;
    }

    /** Everything about the dataset's nodes and relationships, as text (property maps sorted by key). */
    private String state() {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> row : client.query("""
                MATCH (n:Entity) WHERE n.id STARTS WITH 'jr-'
                OPTIONAL MATCH (n)-[r]->(m:Entity)
                RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, type(r) AS type, properties(r) AS rel, m.id AS target
                ORDER BY n.id, m.id""").fetch().all()) {
            out.append(row.get("id")).append(new java.util.TreeSet<>((List<?>) row.get("labels")))
                    .append(new java.util.TreeMap<>((Map<?, ?>) row.get("props"))).append(" -").append(row.get("type"))
                    .append(row.get("rel") == null ? "" : new java.util.TreeMap<>((Map<?, ?>) row.get("rel"))).append("-> ")
                    .append(row.get("target")).append('\n');
        }
        return out.toString();
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) p.put((String) kv[i], kv[i + 1]);
        return p;
    }

}

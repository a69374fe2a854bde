package org.filiere.curation;

import org.filiere.graph.ReadQueries;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change and its audit record commit together or not at all: when the process fails after both
 * were written but before the commit, neither is left in the graph.
 */
class AuditAtomicityTest extends ApiTest {

    @Autowired Neo4jClient client;
    @Autowired ReadQueries reads;
    @Autowired PlatformTransactionManager transactions;

    private String p;

    @BeforeEach
    void fixtures() {
        p = CurationFixtures.prefix();
    }

    @AfterEach
    void clean() {
        CurationFixtures.removeAll(p);
    }

    /** Writes the audit record, then fails, as a crash between the writes and the commit would. */
    private EntityCuration failingAfterAudit() {
        AuditLog failing = new AuditLog(client, reads) {
            @Override
            void record(Entry e) {
                super.record(e);
                throw new IllegalStateException("simulated crash after the audit record was written");
            }
        };
        return new EntityCuration(client, transactions, failing);
    }

    @Test
    void an_edit_that_fails_after_its_audit_record_leaves_neither() {
        Http admin = new Http(port).admin();
        assertThat(admin.post("/api/entities", Map.of("id", p + "acme", "name", "Acme", "type", "Company")).status()).isEqualTo(201);
        long audits = Graph.count("MATCH (a:__Audit) RETURN count(a)");
        var json = JsonMapper.builder().build();
        assertThatThrownBy(() -> failingAfterAudit().edit(p + "acme", json.readTree("{\"name\": \"Renamed\"}"), "admin"))
                .hasMessageContaining("simulated crash");
        assertThat(Graph.count("MATCH (n:Entity {id: $id, name: 'Acme'}) RETURN count(n)", Map.of("id", p + "acme"))).isEqualTo(1);
        assertThat(Graph.count("MATCH (a:__Audit) RETURN count(a)")).isEqualTo(audits);
        assertThat(Graph.count("MATCH (e:__AuditEntry {entity: $id}) RETURN count(e)", Map.of("id", p + "acme"))).isEqualTo(1);
    }

    @Test
    void a_merge_that_fails_after_its_audit_record_leaves_both_entities_and_their_links() {
        Http admin = new Http(port).admin();
        for (String s : new String[]{"a", "b", "x"}) {
            assertThat(admin.post("/api/entities", Map.of("id", p + s, "name", "Firm " + s, "type", "Company")).status()).isEqualTo(201);
        }
        assertThat(admin.post("/api/relationships", Map.of("source", p + "b", "target", p + "x", "type", "SUPPLIES")).status()).isEqualTo(201);
        long audits = Graph.count("MATCH (a:__Audit) RETURN count(a)");
        var json = JsonMapper.builder().build();
        assertThatThrownBy(() -> failingAfterAudit().merge(p + "a", json.readTree("{\"other\": \"" + p + "b\"}"), "admin"))
                .hasMessageContaining("simulated crash");
        Map<String, Object> ids = Map.of("a", p + "a", "b", p + "b", "x", p + "x");
        assertThat(Graph.count("MATCH (n:Entity) WHERE n.id IN [$a, $b] RETURN count(n)", ids)).isEqualTo(2);
        assertThat(Graph.count("MATCH (:Entity {id: $b})-[r:SUPPLIES]->(:Entity {id: $x}) RETURN count(r)", ids)).isEqualTo(1);
        assertThat(Graph.count("MATCH (:Entity {id: $a})-[r]-() RETURN count(r)", ids)).isZero();
        assertThat(Graph.count("MATCH (n:Entity {id: $a}) RETURN size(n.aliases)", ids)).isZero();
        assertThat(Graph.count("MATCH (a:__Audit) RETURN count(a)")).isEqualTo(audits);
    }
}

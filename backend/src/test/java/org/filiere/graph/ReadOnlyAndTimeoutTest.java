package org.filiere.graph;

import org.filiere.support.Api;
import org.filiere.support.SharedNeo4j;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The read path's two guarantees, with a 1 s transaction timeout: a read transaction refuses to
 * write, and a query that runs past the timeout is stopped by Neo4j and answered 503, after which
 * the server answers normally.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "filiere.query.timeout=1s")
@Import(ReadOnlyAndTimeoutTest.SlowEndpoint.class)
class ReadOnlyAndTimeoutTest {

    @DynamicPropertySource
    static void neo4j(DynamicPropertyRegistry registry) {
        registry.add("NEO4J_URI", SharedNeo4j::boltUri);
    }

    /** Stands in for an over-wide traversal: counting to two billion takes far longer than a second. */
    @TestConfiguration
    @RestController
    static class SlowEndpoint {
        private final ReadQueries reads;

        SlowEndpoint(ReadQueries reads) {
            this.reads = reads;
        }

        @GetMapping("/test/slow")
        long slow() {
            return reads.read(c -> c.query("UNWIND range(1, 2000000000) AS x RETURN count(x)").fetchAs(Long.class).one().orElse(0L));
        }
    }

    @Autowired ReadQueries reads;
    @Autowired Neo4jClient client;
    @LocalServerPort int port;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void refuses_to_write_inside_a_read_transaction() {
        long before = count();
        assertThatThrownBy(() -> reads.read(c -> c.query("CREATE (:Entity {id: 'written-by-a-read'})").run()))
                .hasMessageContaining("read");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void stops_a_query_at_the_timeout_with_503_and_keeps_serving() {
        Api.Response slow = api.get("/test/slow");
        assertThat(slow.status()).isEqualTo(503);
        assertThat(slow.contentType()).startsWith("application/problem+json");
        assertThat(slow.json().get("detail").asString()).contains("timeout");
        assertThat(api.get("/api/entities/renault").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health").body()).contains("\"status\":\"UP\"");
    }

    private long count() {
        return client.query("MATCH (n) RETURN count(n)").fetchAs(Long.class).one().orElseThrow();
    }
}

package org.filiere.db;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.neo4j.Neo4jContainer;

import static org.assertj.core.api.Assertions.assertThat;

/** The same application against a real Neo4j server in Docker; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TestcontainersNeo4jTest {

    @Container
    static final Neo4jContainer neo4j = new Neo4jContainer("neo4j:5.26-community").withAdminPassword("filiere-test");

    @DynamicPropertySource
    static void neo4j(DynamicPropertyRegistry registry) {
        registry.add("NEO4J_URI", neo4j::getBoltUrl);
        registry.add("NEO4J_USERNAME", () -> "neo4j");
        registry.add("NEO4J_PASSWORD", neo4j::getAdminPassword);
    }

    @Autowired Neo4jClient client;

    @Test
    void migrates_a_real_neo4j_server() {
        assertThat(client.query("MATCH (m:__Migration) RETURN count(m)").fetchAs(Long.class).one()).contains(EmbeddedDefaultModeTest.migrationFiles());
    }
}

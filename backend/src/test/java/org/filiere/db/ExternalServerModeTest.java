package org.filiere.db;

import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalServerModeTest extends HarnessTest {

    @Autowired ApplicationContext context;
    @Autowired Neo4jClient client;
    @LocalServerPort int port;

    @Test
    void starts_no_embedded_database_when_neo4j_uri_is_set() {
        assertThat(context.getBeansOfType(EmbeddedNeo4j.class)).isEmpty();
    }

    @Test
    void applies_the_schema_migrations_to_the_external_server() {
        Long applied = client.query("MATCH (m:__Migration {version: 1}) RETURN count(m)").fetchAs(Long.class).one().orElseThrow();
        assertThat(applied).isEqualTo(1L);
        var indexes = client.query("SHOW INDEXES YIELD name RETURN collect(name)").fetchAs(Object.class).one().orElseThrow();
        assertThat(indexes.toString()).contains("entity_names", "entity_id");
    }

    @Test
    void reports_neo4j_up_in_the_health_endpoint_and_its_details_to_the_admin_only() throws Exception {
        URI uri = URI.create("http://localhost:" + port + "/actuator/health");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"neo4j\":{\"status\":\"UP\"}").doesNotContain("edition");

        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> detailed = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(detailed.statusCode()).isEqualTo(200);
        assertThat(detailed.body()).contains("\"neo4j\":{").contains("\"status\":\"UP\"").contains("edition");
    }
}

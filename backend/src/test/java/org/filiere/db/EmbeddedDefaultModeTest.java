package org.filiere.db;

import org.filiere.FiliereApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The zero-configuration path: no NEO4J_URI, so the app starts its own Neo4j and talks Bolt to it. */
class EmbeddedDefaultModeTest {

    private static final String ADMIN = "curator";
    private static final String ADMIN_PASSWORD = "embedded-test-secret";

    @Test
    void starts_embedded_neo4j_with_no_configuration_and_reports_health_up(@TempDir Path dataDir) throws Exception {
        // The preferred Bolt port is held by someone else: the embedded DBMS must fall back to a free one.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"));
             ConfigurableApplicationContext app = start(dataDir, taken.getLocalPort())) {
            EmbeddedNeo4j embedded = app.getBean(EmbeddedNeo4j.class);
            assertThat(embedded.boltUri().getPort()).isNotEqualTo(taken.getLocalPort());
            assertThat(Files.list(dataDir)).isNotEmpty();

            String port = app.getEnvironment().getProperty("local.server.port");
            URI uri = URI.create("http://localhost:" + port + "/actuator/health");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"neo4j\":{\"status\":\"UP\"}").contains("\"status\":\"UP\"")
                    .doesNotContain("community").doesNotContain(dataDir.toString()).doesNotContain("details");

            // The admin sees which server answers: the embedded Community edition on the fallback port.
            String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> detailed = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(detailed.statusCode()).isEqualTo(200);
            assertThat(detailed.body()).contains("community").contains("localhost:" + embedded.boltUri().getPort());
        }
    }

    @Test
    void keeps_its_data_and_applies_migrations_only_once_across_restarts(@TempDir Path dataDir) {
        long files;
        try (ConfigurableApplicationContext first = start(dataDir, 0)) {
            assertThat(migrationCount(first)).isEqualTo(migrationFiles());
        }
        try (ConfigurableApplicationContext second = start(dataDir, 0)) {
            assertThat(migrationCount(second)).isEqualTo(migrationFiles());
            assertThat(second.getBean(MigrationRunner.class).migrate()).isEmpty();
        }
    }

    @Test
    void shuts_the_embedded_database_down_when_start_up_fails(@TempDir Path dataDir) throws Exception {
        // A bad migration location makes start-up fail after the DBMS was started.
        SpringApplication app = new SpringApplication(FiliereApplication.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.run("--server.port=0",
                "--filiere.embedded.data-dir=" + dataDir, "--filiere.embedded.bolt-port=0",
                "--filiere.migrations.location=file:" + dataDir.resolve("missing-dir"), "--filiere.dataset.autoload=false"))
                .isInstanceOf(MigrationException.class);
        // The store lock is released: the same directory opens again at once.
        try (ConfigurableApplicationContext again = start(dataDir, 0)) {
            assertThat(again.getBean(EmbeddedNeo4j.class).home()).isEqualTo(dataDir);
        }
    }

    /** The schema migrations of the repository (cypher/migrations/V###__*.cypher): each must be applied once. */
    static long migrationFiles() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("..", "cypher", "migrations"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.cypher")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long migrationCount(ConfigurableApplicationContext app) {
        return app.getBean(org.springframework.data.neo4j.core.Neo4jClient.class)
                .query("MATCH (m:__Migration) RETURN count(m)").fetchAs(Long.class).one().orElseThrow();
    }

    static ConfigurableApplicationContext start(Path dataDir, int boltPort) {
        SpringApplication app = new SpringApplication(FiliereApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        return app.run("--server.port=0", "--filiere.embedded.data-dir=" + dataDir,
                "--filiere.admin.user=" + ADMIN, "--filiere.admin.password=" + ADMIN_PASSWORD,
                "--filiere.embedded.bolt-port=" + boltPort, "--filiere.dataset.autoload=false");
    }
}

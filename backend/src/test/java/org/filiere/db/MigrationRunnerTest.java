package org.filiere.db;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs against its own harness so that its throw-away migrations never meet the application's. */
class MigrationRunnerTest {

    static Neo4j neo4j;
    static Driver driver;
    static Neo4jClient client;

    @TempDir Path dir;

    @BeforeAll
    static void startNeo4j() {
        neo4j = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0).build();
        driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
        client = Neo4jClient.create(driver);
    }

    @AfterAll
    static void stopNeo4j() {
        driver.close();
        neo4j.close();
    }

    @BeforeEach
    void emptyGraph() {
        client.query("MATCH (n) DETACH DELETE n").run();
        client.query("DROP INDEX test_name IF EXISTS").run();
    }

    @Test
    void applies_each_migration_once_in_version_order() throws IOException {
        write("V2__second.cypher", "MATCH (a:Thing {name: 'first'}) SET a.touchedBy = 'second';");
        write("V1__first.cypher", """
                // comment lines are skipped
                CREATE INDEX test_name IF NOT EXISTS FOR (n:Thing) ON (n.name);
                MERGE (:Thing {name: 'first'});
                """);
        MigrationRunner runner = new MigrationRunner(client, "file:" + dir);

        assertThat(runner.migrate()).extracting(Migration::version).containsExactly(1, 2);
        assertThat(runner.migrate()).isEmpty();

        assertThat(client.query("MATCH (t:Thing) RETURN t.touchedBy").fetchAs(String.class).all()).containsExactly("second");
        assertThat(client.query("MATCH (m:__Migration) RETURN m.version ORDER BY m.version").fetchAs(Long.class).all())
                .containsExactly(1L, 2L);
        assertThat(client.query("MATCH (m:__Migration {version: 1}) RETURN m.checksum").fetchAs(String.class).one())
                .hasValueSatisfying(sum -> assertThat(sum).hasSize(64));
    }

    @Test
    void applies_only_the_new_migration_when_one_is_added() throws IOException {
        write("V1__first.cypher", "MERGE (:Thing {name: 'first'});");
        MigrationRunner runner = new MigrationRunner(client, "file:" + dir);
        runner.migrate();
        write("V2__more.cypher", "MERGE (:Thing {name: 'more'});");

        assertThat(runner.migrate()).extracting(Migration::fileName).containsExactly("V2__more.cypher");
        assertThat(client.query("MATCH (t:Thing) RETURN count(t)").fetchAs(Long.class).one()).contains(2L);
    }

    @Test
    void refuses_to_start_when_an_applied_migration_was_changed() throws IOException {
        write("V1__first.cypher", "MERGE (:Thing {name: 'first'});");
        MigrationRunner runner = new MigrationRunner(client, "file:" + dir);
        runner.migrate();
        write("V1__first.cypher", "MERGE (:Thing {name: 'edited'});");

        assertThatThrownBy(runner::migrate)
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("V1__first.cypher was changed after it was applied");
        assertThat(client.query("MATCH (t:Thing {name: 'edited'}) RETURN count(t)").fetchAs(Long.class).one()).contains(0L);
    }

    @Test
    void refuses_two_files_with_the_same_version() throws IOException {
        write("V1__a.cypher", "RETURN 1;");
        write("V001__b.cypher", "RETURN 1;");
        assertThatThrownBy(() -> new MigrationRunner(client, "file:" + dir).migrate())
                .isInstanceOf(MigrationException.class).hasMessageContaining("share version 1");
    }

    @Test
    void splits_statements_the_way_cypher_shell_reads_them() {
        assertThat(Migration.split("""
                // header
                CREATE INDEX a IF NOT EXISTS
                FOR (n:X) ON (n.a);

                MATCH (n) RETURN n;
                """)).containsExactly("CREATE INDEX a IF NOT EXISTS\nFOR (n:X) ON (n.a)", "MATCH (n) RETURN n");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}

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
import java.util.List;
import java.util.Map;

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

    @Test
    void turns_customer_links_into_the_supply_links_they_state() throws IOException {
        String file = "V005__customer_links_as_supply_links.cypher";
        Files.copy(Path.of("../cypher/migrations", file), dir.resolve(file));
        client.query("""
                CREATE (boeing:Entity {id: 'boeing'}), (airbus:Entity {id: 'airbus'}), (safran:Entity {id: 'safran'})
                CREATE (boeing)-[:CUSTOMER_OF {id: 'boeing.CUSTOMER_OF.safran', dataset: 'ipemed', year: 2010, inferred: false,
                        quotes: ['Boeing feature among its biggest customers'], quoteSections: ['Case study: Safran']}]->(safran)
                CREATE (airbus)-[:CUSTOMER_OF {id: 'airbus.CUSTOMER_OF.safran', dataset: 'ipemed', inferred: false, year: 2015,
                        document: 'report.pdf', quotes: ['Airbus, a client', 'Safran ships to Airbus'], quoteSections: ['A', 'B']}]->(safran)
                CREATE (safran)-[:SUPPLIES {id: 'safran.SUPPLIES.airbus', dataset: 'list', inferred: true, reason: 'also implied',
                        document: 'list.pdf', quotes: ['Safran ships to Airbus', 'Airbus buys engines']}]->(airbus)
                """).run();

        new MigrationRunner(client, "file:" + dir).migrate();

        assertThat(client.query("MATCH ()-[c:CUSTOMER_OF]->() RETURN count(c)").fetchAs(Long.class).one()).contains(0L);
        assertThat(suppliedBySafran("boeing")).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("id", "safran.SUPPLIES.boeing").containsEntry("dataset", "ipemed")
                .containsEntry("year", 2010L).containsEntry("inferred", false)
                .containsEntry("quotes", List.of("Boeing feature among its biggest customers"))
                .containsEntry("quoteSections", List.of("Case study: Safran")));
        // The supply link that existed (an import's: no sections, another document) gains the quote it
        // lacked with its section and document, the year it lacked, and is stated now, as the customer link was.
        assertThat(suppliedBySafran("airbus")).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("id", "safran.SUPPLIES.airbus")
                .containsEntry("quotes", List.of("Safran ships to Airbus", "Airbus buys engines", "Airbus, a client"))
                .containsEntry("quoteSections", List.of("", "", "A"))
                .containsEntry("quoteDocuments", List.of("list.pdf", "list.pdf", "report.pdf"))
                .containsEntry("documents", List.of("list.pdf", "report.pdf"))
                .containsEntry("document", "list.pdf").containsEntry("year", 2015L)
                .containsEntry("inferred", false).doesNotContainKey("reason"));
    }

    private List<Map<String, Object>> suppliedBySafran(String customer) {
        return client.query("MATCH (:Entity {id: 'safran'})-[s:SUPPLIES]->(:Entity {id: $customer}) RETURN s")
                .bind(customer).to("customer").fetchAs(Map.class).mappedBy((t, r) -> r.get("s").asMap()).all().stream()
                .map(m -> {
                    @SuppressWarnings("unchecked") Map<String, Object> typed = m;
                    return typed;
                }).toList();
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}

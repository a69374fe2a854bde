package org.filiere.synthetic;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Own harness, so the synthetic graph never meets the shared one. */
class BulkLoadTest {

    static Neo4j neo4j;
    static Driver driver;
    static SyntheticGenerator.Counts counts;
    static SyntheticGenerator generator = new SyntheticGenerator(1_000, 42);

    @TempDir static Path dir;

    @BeforeAll
    static void startAndLoad() throws Exception {
        neo4j = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0).build();
        driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
        counts = generator.write(dir);
        BulkLoader loader = new BulkLoader(driver, "synthetic", 500, null);
        loader.ensureSchema();
        loader.load(dir);
    }

    @AfterAll
    static void stop() {
        driver.close();
        neo4j.close();
    }

    static long count(String query) {
        try (Session s = driver.session()) {
            return s.run(query).single().get(0).asLong();
        }
    }

    @Test
    void node_and_relationship_counts_equal_the_csv_rows() {
        assertThat(count("MATCH (n:Entity {dataset: 'synthetic'}) RETURN count(n)")).isEqualTo(counts.nodes());
        assertThat(count("MATCH ()-[r {dataset: 'synthetic'}]->() RETURN count(r)")).isEqualTo(counts.relationships());
    }

    @Test
    void loading_the_same_files_twice_creates_no_duplicates() throws Exception {
        var result = new BulkLoader(driver, "synthetic", 333, null).load(dir);
        assertThat(result.relationships()).isEqualTo(counts.relationships());
        assertThat(count("MATCH (n:Entity) RETURN count(n)")).isEqualTo(counts.nodes());
        assertThat(count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(counts.relationships());
        assertThat(count("MATCH ()-[r]->() WITH r.id AS id, count(*) AS n WHERE n > 1 RETURN count(id)")).isZero();
    }

    @Test
    void nodes_carry_the_model_properties_with_country_and_side() {
        try (Session s = driver.session()) {
            var n = s.run("MATCH (n:Company {id: 'firm-000123'}) RETURN n").single().get("n").asNode();
            assertThat(n.keys()).contains("id", "name", "type", "dataset", "aliases", "aliasText", "normalisedName", "country", "side");
            String side = s.run("MATCH (c:Country {iso2: $c}) RETURN c.classification AS side",
                    Map.of("c", n.get("country").asString())).single().get("side").asString();
            assertThat(n.get("side").asString()).isEqualTo(side).isIn("north", "south", "other");
        }
    }

    @Test
    void the_upstream_tiers_of_an_oem_come_back_through_the_tiers_query() {
        try (Session s = driver.session()) {
            var rows = s.run(Traversal.TIERS, Map.of("id", SyntheticGenerator.firmId(0), "limit", 2000)).list();
            assertThat(rows).isNotEmpty();
            assertThat(rows).allSatisfy(r -> {
                String id = r.get("s").asNode().get("id").asString();
                int firm = Integer.parseInt(id.substring("firm-".length()));
                assertThat(generator.tierOf(firm)).isEqualTo(r.get("tier").asInt());
            });
            assertThat(rows.stream().map(r -> r.get("tier").asInt()).distinct()).contains(1, 2, 3);
        }
    }
}

package org.filiere.synthetic;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.filiere.db.EmbeddedNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI's check of the scale tooling (not a benchmark): the generator's files at a small size, loaded
 * by both loaders — Neo4j's offline importer into a new store and the driver loader — each into
 * its own embedded database, must give a graph holding every CSV row exactly once, with the
 * generator's heavy-tailed supplier degrees, and the same properties whichever loader wrote them.
 */
class SyntheticLoadCorrectnessTest {

    static final int FIRMS = 1_500;

    @TempDir static Path dir;
    static Path csv;
    static SyntheticGenerator.Counts counts;
    static final Map<String, EmbeddedNeo4j> databases = new HashMap<>();
    static final Map<String, Driver> drivers = new HashMap<>();
    static final Map<String, Object> loadResults = new HashMap<>();

    @BeforeAll
    static void generateAndLoadTwice() throws Exception {
        csv = dir.resolve("csv");
        counts = new SyntheticGenerator(FIRMS, 42).write(csv);

        Path offlineHome = dir.resolve("offline");
        loadResults.put("offline", new OfflineImport("synthetic", "64m", "256m", null).load(csv, offlineHome));
        open("offline", offlineHome);

        open("driver", dir.resolve("driver"));
        BulkLoader loader = new BulkLoader(drivers.get("driver"), "synthetic", 700, 2, null);
        loader.ensureSchema();
        loadResults.put("driver", loader.load(csv));
    }

    private static void open(String name, Path home) {
        EmbeddedNeo4j db = EmbeddedNeo4j.start(home, 0, "64m");
        databases.put(name, db);
        drivers.put(name, GraphDatabase.driver(db.boltUri(), AuthTokens.none()));
    }

    @AfterAll
    static void close() {
        drivers.values().forEach(Driver::close);
        databases.values().forEach(EmbeddedNeo4j::close);
    }

    static List<Record> query(String loader, String cypher) {
        try (Session s = drivers.get(loader).session()) {
            return s.run(cypher).list();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"offline", "driver"})
    void every_node_row_is_one_node_with_its_type_label(String loader) throws IOException {
        Map<String, String> expected = new TreeMap<>();
        try (CSVParser p = NativeRows.parser(csv.resolve("nodes.csv"))) {
            for (CSVRecord r : p) expected.put(r.get("id"), r.get("type"));
        }
        List<Record> rows = query(loader, "MATCH (n:Entity {dataset: 'synthetic'}) RETURN n.id AS id, n.type AS type, labels(n) AS labels");
        Map<String, String> actual = new TreeMap<>();
        for (Record r : rows) {
            String id = r.get("id").asString();
            assertThat(actual.put(id, r.get("type").asString())).as("duplicate node %s", id).isNull();
            assertThat(r.get("labels").asList(v -> v.asString())).contains("Entity", r.get("type").asString());
        }
        assertThat(actual).isEqualTo(expected).hasSize((int) counts.nodes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"offline", "driver"})
    void every_relationship_row_is_one_relationship_between_the_right_nodes(String loader) throws IOException {
        List<String> expected = new ArrayList<>();
        try (CSVParser p = NativeRows.parser(csv.resolve("relationships.csv"))) {
            for (CSVRecord r : p) expected.add(r.get("source") + "." + r.get("type") + "." + r.get("target"));
        }
        List<String> actual = query(loader, """
                MATCH (a)-[r {dataset: 'synthetic'}]->(b)
                RETURN a.id + '.' + type(r) + '.' + b.id AS key, r.id AS id
                """).stream().map(r -> {
            assertThat(r.get("id").asString()).isEqualTo(r.get("key").asString());
            return r.get("key").asString();
        }).toList();
        assertThat(actual).hasSize((int) counts.relationships()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"offline", "driver"})
    void ids_are_unique_across_the_whole_graph(String loader) {
        assertThat(query(loader, "MATCH (n:Entity) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id")).isEmpty();
        assertThat(query(loader, "MATCH ()-[r]->() WHERE r.id IS NOT NULL WITH r.id AS id, count(*) AS c WHERE c > 1 RETURN id")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"offline", "driver"})
    void supplier_degrees_in_the_graph_are_heavy_tailed_as_in_the_files(String loader) throws IOException {
        Map<String, Integer> fromFile = new HashMap<>();
        try (CSVParser p = NativeRows.parser(csv.resolve("relationships.csv"))) {
            for (CSVRecord r : p) if (r.get("type").equals("SUPPLIES")) fromFile.merge(r.get("source"), 1, Integer::sum);
        }
        Map<String, Integer> inGraph = new HashMap<>();
        query(loader, "MATCH (s:Company) WHERE COUNT { (s)-[:SUPPLIES]->() } > 0 RETURN s.id AS id, COUNT { (s)-[:SUPPLIES]->() } AS d")
                .forEach(r -> inGraph.put(r.get("id").asString(), r.get("d").asInt()));
        assertThat(inGraph).isEqualTo(fromFile);

        List<Integer> degrees = inGraph.values().stream().sorted().toList();
        int median = degrees.get(degrees.size() / 2);
        int max = degrees.get(degrees.size() - 1);
        long links = degrees.stream().mapToLong(Integer::longValue).sum();
        long topPercent = degrees.subList(degrees.size() - Math.max(1, degrees.size() / 100), degrees.size()).stream()
                .mapToLong(Integer::longValue).sum();
        assertThat(max).as("biggest supplier vs median").isGreaterThan(10 * median);
        // Without the heavy tail (1–3 customers each, mean 2) the top 1 % of suppliers would hold at most 1.5 %
        // of the supply links; with it they hold several times that.
        assertThat(topPercent * 100.0 / links).isGreaterThan(5.0);
    }

    @Test
    void both_loaders_write_the_same_properties() {
        for (String cypher : List.of(
                "MATCH (n:Entity {dataset: 'synthetic'}) RETURN n.id AS key, properties(n) AS props, labels(n) AS extra ORDER BY key",
                "MATCH ()-[r {dataset: 'synthetic'}]->() RETURN r.id AS key, properties(r) AS props, type(r) AS extra ORDER BY key")) {
            List<Record> offline = query("offline", cypher);
            List<Record> driver = query("driver", cypher);
            assertThat(offline).hasSameSizeAs(driver);
            for (int i = 0; i < offline.size(); i++) {
                assertThat(offline.get(i).get("key").asString()).isEqualTo(driver.get(i).get("key").asString());
                assertThat(offline.get(i).get("props").asMap()).as(offline.get(i).get("key").asString())
                        .isEqualTo(driver.get(i).get("props").asMap());
                assertThat(sorted(offline.get(i).get("extra").asObject())).isEqualTo(sorted(driver.get(i).get("extra").asObject()));
            }
        }
    }

    /** Labels come back in token order, which depends on the loader. */
    private static Object sorted(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).sorted().toList() : value;
    }

    @Test
    void both_loaders_report_what_they_loaded() {
        var offline = (OfflineImport.Result) loadResults.get("offline");
        var driver = (BulkLoader.Result) loadResults.get("driver");
        assertThat(offline.nodes()).isEqualTo(counts.nodes());
        assertThat(offline.relationships()).isEqualTo(counts.relationships());
        assertThat(offline.skippedRelationships()).isZero();
        assertThat(driver.nodes()).isEqualTo(counts.nodes());
        assertThat(driver.relationships()).isEqualTo(counts.relationships());
        assertThat(driver.skippedRelationships()).isZero();
    }
}

package org.filiere.dataset;

import org.filiere.graph.Names;
import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every fact in the graph is traceable to the report, word for word. */
class IpemedProvenanceTest extends HarnessTest {

    @Autowired Neo4jClient client;

    @Test
    void every_quote_in_the_graph_appears_in_the_report() throws Exception {
        Path report = Path.of(System.getProperty("filiere.report.path", "../../shared/sources/ipemed-coproduction-mediterranean.txt"));
        Assumptions.assumeTrue(Files.exists(report),
                "The IPEMED report is not at " + report.toAbsolutePath() + " (../shared/sources): quotes cannot be checked here");
        String text = collapse(Files.readString(report));
        List<String> quotes = client.query("""
                MATCH (n:Entity {dataset: 'ipemed'})
                WITH n, [k IN keys(n) WHERE k ENDS WITH '_quote' | n[k]] AS factQuotes
                UNWIND n.quotes + factQuotes + coalesce(n.annexRows, []) AS q
                RETURN q
                UNION
                MATCH ()-[r {dataset: 'ipemed'}]->()
                UNWIND r.quotes AS q
                RETURN q
                """).fetchAs(String.class).all().stream().toList();
        assertThat(quotes).hasSizeGreaterThan(500);
        List<String> missing = new ArrayList<>();
        for (String q : quotes) {
            if (!text.contains(collapse(q))) missing.add(q);
        }
        assertThat(missing).as("quotes not found in the report").isEmpty();
    }

    @Test
    void every_node_and_relationship_carries_a_quote_of_at_most_300_characters() {
        long bare = client.query("""
                MATCH (n:Entity {dataset: 'ipemed'}) WHERE size(coalesce(n.quotes, [])) = 0 RETURN count(n) AS c
                UNION ALL
                MATCH ()-[r {dataset: 'ipemed'}]->() WHERE size(coalesce(r.quotes, [])) = 0 RETURN count(r) AS c
                """).fetchAs(Long.class).all().stream().mapToLong(Long::longValue).sum();
        assertThat(bare).isZero();
        long tooLong = client.query("""
                MATCH (n:Entity {dataset: 'ipemed'}) UNWIND n.quotes AS q WITH q WHERE size(q) > 300 RETURN count(q)
                """).fetchAs(Long.class).one().orElseThrow();
        assertThat(tooLong).isZero();
        long unsectioned = client.query("""
                MATCH ()-[r {dataset: 'ipemed'}]->() WHERE size(r.quoteSections) <> size(r.quotes) OR '' IN r.quoteSections
                RETURN count(r)
                """).fetchAs(Long.class).one().orElseThrow();
        assertThat(unsectioned).as("relationships whose quotes lack a section").isZero();
    }

    @Test
    void gives_every_inferred_edge_a_reason() {
        long unexplained = client.query("""
                MATCH ()-[r {dataset: 'ipemed', inferred: true}]->() WHERE r.reason IS NULL OR trim(r.reason) = ''
                RETURN count(r)
                """).fetchAs(Long.class).one().orElseThrow();
        assertThat(unexplained).isZero();
        assertThat(client.query("MATCH ()-[r {inferred: true}]->() RETURN count(r)").fetchAs(Long.class).one().orElseThrow())
                .isPositive();
    }

    @Test
    void no_two_entities_share_a_normalised_name_unless_marked_possibly_the_same() {
        Map<String, List<String>> byName = new HashMap<>();
        client.query("MATCH (n:Entity {dataset: 'ipemed'}) RETURN n.id AS id, n.name AS name").fetchAs(String[].class)
                .mappedBy((t, r) -> new String[] {r.get("id").asString(), r.get("name").asString()}).all()
                .forEach(row -> byName.computeIfAbsent(Names.normalise(row[1]), k -> new ArrayList<>()).add(row[0]));
        Set<Set<String>> flagged = new HashSet<>();
        client.query("MATCH (a)-[:POSSIBLY_SAME_AS]-(b) RETURN a.id AS a, b.id AS b").fetchAs(Set.class)
                .mappedBy((t, r) -> Set.of(r.get("a").asString(), r.get("b").asString())).all()
                .forEach(s -> flagged.add(s));
        List<String> clashes = new ArrayList<>();
        byName.forEach((name, ids) -> {
            for (int i = 0; i < ids.size(); i++)
                for (int j = i + 1; j < ids.size(); j++)
                    if (!flagged.contains(Set.of(ids.get(i), ids.get(j)))) clashes.add(name + ": " + ids);
        });
        assertThat(clashes).isEmpty();
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}

package org.filiere.importing;

import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.HarnessTest;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportLimitsAndFormatsApiTest extends ApiTest {

    @Test
    void an_upload_over_the_size_limit_is_answered_413_problem_json_and_writes_nothing() {
        long before = Graph.entities();
        byte[] big = new byte[(HarnessTest.UPLOAD_LIMIT_MB + 1) * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        Api.Response r = api.postMultipart("/api/imports", Map.of("dataset", "too-big"),
                Map.of("nodes", Map.entry("nodes.csv", big)), "admin", HarnessTest.ADMIN_PASSWORD);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(413);
        assertThat(r.json().get("detail").asString()).isNotBlank();
        assertThat(Graph.entities()).isEqualTo(before);
    }

    @Test
    void the_graphml_export_parses_with_jgrapht_and_keeps_node_and_edge_types() {
        String graphml = api.download("/api/export?format=graphml").text();
        DirectedPseudograph<String, DefaultEdge> graph = new DirectedPseudograph<>(null, DefaultEdge::new, false);
        Map<String, String> nodeTypes = new HashMap<>();
        Map<DefaultEdge, String> edgeTypes = new HashMap<>();
        GraphMLImporter<String, DefaultEdge> importer = new GraphMLImporter<>();
        importer.setVertexFactory(id -> id);
        importer.addVertexAttributeConsumer((vertexAndKey, value) -> {
            if (vertexAndKey.getSecond().equals("type")) nodeTypes.put(vertexAndKey.getFirst(), value.getValue());
        });
        importer.addEdgeAttributeConsumer((edgeAndKey, value) -> {
            if (edgeAndKey.getSecond().equals("type")) edgeTypes.put(edgeAndKey.getFirst(), value.getValue());
        });
        importer.importGraph(graph, new StringReader(graphml));

        assertThat(graph.vertexSet()).hasSize((int) Graph.entities());
        assertThat(graph.edgeSet()).hasSize((int) Graph.entityRelationships());
        assertThat(nodeTypes).hasSize(graph.vertexSet().size());
        assertThat(nodeTypes.values()).allSatisfy(t -> assertThat(NodeType.parse(t)).as(t).isPresent());
        assertThat(edgeTypes).hasSize(graph.edgeSet().size());
        assertThat(edgeTypes.values()).allSatisfy(t -> assertThat(RelType.parse(t)).as(t).isPresent());
        assertThat(nodeTypes.get("renault")).isEqualTo("Company");
        DefaultEdge brand = graph.getEdge("dacia", "renault");
        assertThat(brand).isNotNull();
        assertThat(edgeTypes.get(brand)).isEqualTo("BRAND_OF");
        assertThat(Graph.count("MATCH (:Entity)-[r:BRAND_OF]->(:Entity) RETURN count(r)"))
                .isEqualTo(edgeTypes.values().stream().filter("BRAND_OF"::equals).count());
    }

    @Test
    void the_command_line_uploads_shows_progress_and_exits_by_outcome(@TempDir Path dir) throws Exception {
        String dataset = "test-cli-" + System.nanoTime();
        try {
            Path nodes = Files.writeString(dir.resolve("nodes.csv"), "id,name,type\ncli-firm-a,CLI Firm A,Company\ncli-firm-b,CLI Firm B,Company\n");
            Path rels = Files.writeString(dir.resolve("relationships.csv"), "source,target,type\ncli-firm-a,cli-firm-b,SUPPLIES\n");
            String url = "http://localhost:" + port;
            Map<String, String> env = Map.of("FILIERE_ADMIN_PASSWORD", HarnessTest.ADMIN_PASSWORD);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ImportCli.run(new String[]{"--url", url, "--dataset", dataset, "--nodes", nodes.toString(),
                    "--relationships", rels.toString(), "--poll-ms", "50"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("[##############################] 100%  3/3 rows  succeeded");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("nodes 2 created, 0 matched; relationships 1 created, 0 matched");
            assertThat(Graph.count("MATCH (:Entity {id: 'cli-firm-a'})-[r:SUPPLIES]->(:Entity {id: 'cli-firm-b'}) RETURN count(r)")).isEqualTo(1);

            // A rejected upload: exit 1 with the errors listed.
            Path bad = Files.writeString(dir.resolve("bad.csv"), "id,name,type\nBad Id,Bad,Company\n");
            err.reset();
            assertThat(ImportCli.run(new String[]{"--url", url, "--dataset", dataset, "--nodes", bad.toString()}, env,
                    new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.csv row 2 column id value 'Bad Id'");
            // No password or a wrong one: exit 2.
            assertThat(ImportCli.run(new String[]{"--url", url, "--dataset", dataset, "--nodes", nodes.toString()}, Map.of(),
                    new PrintStream(out), new PrintStream(err))).isEqualTo(2);
            assertThat(ImportCli.run(new String[]{"--url", url, "--dataset", dataset, "--nodes", nodes.toString()},
                    Map.of("FILIERE_ADMIN_PASSWORD", "wrong"), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        } finally {
            Graph.deleteDataset(dataset);
        }
    }
}

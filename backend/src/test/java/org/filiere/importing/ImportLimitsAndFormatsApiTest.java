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
import tools.jackson.databind.JsonNode;
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
    void a_spreadsheet_saved_in_windows_1252_is_refused_with_its_line_and_imported_once_its_encoding_is_given() {
        String dataset = "test-encoding-" + System.nanoTime();
        // What Excel on a French Windows writes for "Save as CSV": é is the single byte 0xE9.
        byte[] nodes = "id,name,type\nenc-lesieur,Lesieur Test,Company\nenc-sofi,Sofiprotéol Test,Company\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        byte[] mapped = "Fournisseur;Client\nSociété Générale Test;Lesieur Test\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        String mapping = """
                {"delimiter": ";", "source": {"name": {"column": "Fournisseur"}, "type": {"value": "Company"}},
                 "target": {"name": {"column": "Client"}}, "type": {"value": "SUPPLIES"}, "quote": {"value": "Fournisseur listé"}}""";
        try {
            Api.Response refused = api.postMultipart("/api/imports", Map.of("dataset", dataset),
                    Map.of("nodes", Map.entry("nodes.csv", nodes)), "admin", HarnessTest.ADMIN_PASSWORD);
            assertThat(refused.status()).isEqualTo(400);
            JsonNode error = refused.json().get("errors").get(0);
            assertThat(error.get("message").asString()).contains("Not UTF-8 text (line 3 of the file)").contains("encoding=windows-1252");
            assertThat(error.get("value").asString()).isEqualTo("0xE9");

            Api.Response accepted = api.postMultipart("/api/imports", Map.of("dataset", dataset, "encoding", "windows-1252"),
                    Map.of("nodes", Map.entry("nodes.csv", nodes)), "admin", HarnessTest.ADMIN_PASSWORD);
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(api.awaitImport(accepted).get("status").asString()).isEqualTo("succeeded");
            assertThat(Graph.count("MATCH (n:Entity {id: 'enc-sofi', name: 'Sofiprotéol Test'}) RETURN count(n)")).isEqualTo(1);

            // The same for a mapped spreadsheet with ';' between columns, as Excel writes in France.
            Api.Response mappedImport = api.postMultipart("/api/imports", Map.of("dataset", dataset, "encoding", "windows-1252"),
                    Map.of("file", Map.entry("fournisseurs.csv", mapped), "mapping", Map.entry("mapping.json", mapping.getBytes(StandardCharsets.UTF_8))),
                    "admin", HarnessTest.ADMIN_PASSWORD);
            assertThat(mappedImport.status()).as(mappedImport.body()).isEqualTo(202);
            assertThat(api.awaitImport(mappedImport).get("status").asString()).isEqualTo("succeeded");
            assertThat(Graph.count("""
                    MATCH (:Entity {name: 'Société Générale Test'})-[r:SUPPLIES]->(:Entity {id: 'enc-lesieur'})
                    WHERE 'Fournisseur listé' IN r.quotes RETURN count(r)""")).isEqualTo(1);

            // An encoding Java does not know, or one given with FollowTheMoney (always UTF-8), is a 400 naming the field.
            for (var bad : Map.of("nodes", "latin-42", "ftm", "windows-1252").entrySet()) {
                Api.Response r = api.postMultipart("/api/imports", Map.of("dataset", dataset, "encoding", bad.getValue()),
                        Map.of(bad.getKey(), Map.entry("upload", nodes)), "admin", HarnessTest.ADMIN_PASSWORD);
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.contentType()).contains("application/problem+json");
                assertThat(r.body()).contains("encoding");
            }
            // Bytes the given encoding does not define: refused, nothing written.
            long before = Graph.entities();
            Api.Response undefined = api.postMultipart("/api/imports", Map.of("dataset", dataset, "encoding", "US-ASCII"),
                    Map.of("nodes", Map.entry("nodes.csv", nodes)), "admin", HarnessTest.ADMIN_PASSWORD);
            assertThat(undefined.status()).isEqualTo(400);
            assertThat(undefined.body()).contains("is not US-ASCII text");
            assertThat(Graph.entities()).isEqualTo(before);
        } finally {
            Graph.deleteDataset(dataset);
        }
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

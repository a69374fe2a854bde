package org.filiere.exporting;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportApiTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    static Map<String, String> unzip(byte[] body) throws Exception {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                files.put(e.getName(), new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void exports_the_whole_graph_as_graphml_that_the_jdk_parser_reads_with_every_node_and_its_type() throws Exception {
        Api.Download d = api.download("/api/export?format=graphml");
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.header("Content-Disposition")).startsWith("attachment").contains("filiere-graph.graphml");
        Document doc = xml(d.body());
        NodeList nodes = doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "node");
        NodeList edges = doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "edge");
        assertThat(nodes.getLength()).isEqualTo(Graph.entities());
        assertThat(edges.getLength()).isEqualTo(Graph.entityRelationships());

        String typeKey = null;
        NodeList keys = doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "key");
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            if (k.getAttribute("for").equals("node") && k.getAttribute("attr.name").equals("type")) typeKey = k.getAttribute("id");
        }
        assertThat(typeKey).isNotNull();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            NodeList data = n.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "data");
            boolean hasType = false;
            for (int j = 0; j < data.getLength(); j++) {
                hasType |= ((Element) data.item(j)).getAttribute("key").equals(typeKey);
            }
            assertThat(hasType).as("node %s has a type", n.getAttribute("id")).isTrue();
        }
    }

    @Test
    void exports_the_whole_graph_as_cytoscape_json() throws Exception {
        Api.Download d = api.download("/api/export?format=cyjs");
        assertThat(d.status()).isEqualTo(200);
        JsonNode elements = JSON.readTree(d.body()).get("elements");
        assertThat(elements.get("nodes").size()).isEqualTo((int) Graph.entities());
        assertThat(elements.get("edges").size()).isEqualTo((int) Graph.entityRelationships());
        JsonNode first = elements.get("edges").get(0).get("data");
        assertThat(first.has("source")).isTrue();
        assertThat(first.has("target")).isTrue();
    }

    @Test
    void exports_the_whole_graph_as_a_zip_of_the_native_csv_files() throws Exception {
        Api.Download d = api.download("/api/export?format=csv");
        assertThat(d.header("Content-Type")).isEqualTo("application/zip");
        Map<String, String> files = unzip(d.body());
        assertThat(files).containsOnlyKeys("nodes.csv", "relationships.csv");
        assertThat(files.get("nodes.csv")).startsWith("id,name,type,country,sector,aliases,source_document,quote\n");
        assertThat(files.get("relationships.csv")).startsWith("source,target,type,year,start,end,share,tier,source_document,quote,inferred,reason\n");
        assertThat(files.get("nodes.csv")).contains("\nrenault,Renault,Company,FR,");
    }

    @Test
    void exports_the_whole_graph_as_followthemoney_json_lines() throws Exception {
        Api.Download d = api.download("/api/export?format=ftm");
        String[] lines = d.text().split("\n");
        assertThat(lines.length).isEqualTo((int) (Graph.entities() + Graph.entityRelationships()));
        Set<String> schemata = new HashSet<>();
        for (String line : lines) {
            JsonNode entity = JSON.readTree(line);
            assertThat(entity.get("id").asString()).isNotBlank();
            schemata.add(entity.get("schema").asString());
        }
        assertThat(schemata).contains("Company", "Organization", "Ownership", "UnknownLink");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"schema\":\"Ownership\"").contains("\"owner\":[")
                .contains("\"asset\":["));
    }

    @Test
    void every_followthemoney_link_points_at_entities_of_the_schema_its_property_expects() throws Exception {
        // Aleph rejects an Ownership whose asset is not an Asset: Cevital bought a factory (a site,
        // written as an Organization), which must travel as another link schema.
        tech.followthemoney.model.Model model = tech.followthemoney.model.Model.loadDefault();
        String[] lines = api.download("/api/export?format=ftm").text().split("\n");
        Map<String, String> schemaOf = new HashMap<>();
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            schemaOf.put(e.get("id").asString(), e.get("schema").asString());
        }
        int checked = 0;
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            tech.followthemoney.model.Schema schema = model.getSchema(e.get("schema").asString());
            for (var p : e.get("properties").properties()) {
                var range = schema.getProperty(p.getKey()).getRange();
                if (range.isEmpty()) continue;
                for (JsonNode ref : p.getValue()) {
                    assertThat(model.getSchema(schemaOf.get(ref.asString())).isA(range.get()))
                            .as("%s %s → %s (%s)", e.get("schema").asString(), p.getKey(), ref.asString(), schemaOf.get(ref.asString()))
                            .isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
        JsonNode factory = JSON.readTree(java.util.Arrays.stream(lines)
                .filter(l -> l.contains("\"cevital.ACQUIRED.alas-aluminium-factory\"")).findFirst().orElseThrow());
        assertThat(factory.get("schema").asString()).isEqualTo("UnknownLink");
        assertThat(factory.get("properties").get("role").get(0).asString()).isEqualTo("acquired");
    }

    @Test
    void downloads_a_tiers_answer_as_graphml_with_the_same_nodes_as_its_json() throws Exception {
        Api.Response json = api.get("/api/graph/tiers/renault-tanger?depth=2");
        Api.Download d = api.download("/api/graph/tiers/renault-tanger?depth=2&format=graphml");
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.header("Content-Disposition")).startsWith("attachment").contains("tiers-renault-tanger.graphml");
        NodeList nodes = xml(d.body()).getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "node");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < nodes.getLength(); i++) ids.add(((Element) nodes.item(i)).getAttribute("id"));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(json.ids("nodes"));
    }

    @Test
    void downloads_neighbourhood_ownership_and_paths_answers_too() {
        assertThat(api.download("/api/graph/neighbourhood/renault?format=cyjs").status()).isEqualTo(200);
        assertThat(api.download("/api/graph/ownership/renault?format=ftm").status()).isEqualTo(200);
        Api.Download paths = api.download("/api/graph/paths?from=renault&to=valeo&format=csv");
        assertThat(paths.status()).isEqualTo(200);
        assertThat(paths.header("Content-Disposition")).contains("paths-renault-valeo.zip");
    }

    @Test
    void rejects_a_missing_or_unknown_format_as_a_problem() {
        assertThat(api.get("/api/export").status()).isEqualTo(400);
        Api.Response bad = api.get("/api/export?format=pdf");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("parameter").asString()).isEqualTo("format");
        assertThat(api.get("/api/graph/tiers/renault-tanger?format=pdf").status()).isEqualTo(400);
    }
}

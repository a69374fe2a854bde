package org.filiere.dataset;

import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A new version of a dataset's files after curators merged, deleted and dismissed some of it. */
class DatasetNewVersionTest extends ApiTest {

    private static final String NAME = "nv-test";

    @Autowired Neo4jClient client;
    @Autowired PlatformTransactionManager transactions;
    @TempDir Path dir;

    @AfterEach
    void removeDataset() {
        Graph.deleteDataset(NAME);
        client.query("MATCH (d:__Dataset {name: $name}) DELETE d").bind(NAME).to("name").run();
    }

    private static String node(String id, String name) {
        return """
                {"id": "%s", "type": "Company", "name": "%s", "quotes": [{"quote": "%s is named"}]}""".formatted(id, name, name);
    }

    private static String rel(String source, String type, String target) {
        return """
                {"source": "%s", "type": "%s", "target": "%s", "quotes": [{"quote": "%s %s %s"}]}""".formatted(
                source, type, target, source, type, target);
    }

    private DatasetLoader.LoadResult load(String nodes, String rels) throws IOException {
        Files.writeString(dir.resolve("data.json"), "{\"section_default\": \"Test\", \"nodes\": [" + nodes + "], \"relationships\": ["
                + rels + "]}");
        return new DatasetLoader(client, transactions).load(new DatasetLoader.Source(NAME, "nv.pdf", "file:" + dir), false);
    }

    private long count(String cypher) {
        return Graph.count(cypher);
    }

    @Test
    void a_new_version_of_the_files_keeps_what_curators_merged_deleted_and_dismissed() throws IOException {
        String nodes = String.join(",", node("nv-a", "Alpha NV"), node("nv-b", "Beta NV"), node("nv-c", "Gamma NV"),
                node("nv-d", "Delta NV"), node("nv-e", "Epsilon NV"), node("nv-h", "Eta NV"), node("nv-x", "Chi NV"),
                node("nv-y", "Psi NV"));
        // The survivor's own link comes first: the merge combines the second into it.
        String rels = String.join(",", rel("nv-a", "SUPPLIES", "nv-c"), rel("nv-b", "SUPPLIES", "nv-c"),
                rel("nv-a", "PARTNER_OF", "nv-d"), rel("nv-c", "SUPPLIES", "nv-d"), rel("nv-e", "SUPPLIES", "nv-c"),
                rel("nv-b", "SUPPLIES", "nv-h"), rel("nv-x", "SUPPLIES", "nv-d"));
        assertThat(load(nodes, rels).loaded()).isTrue();

        Http admin = new Http(port).admin();
        assertThat(admin.post("/api/entities/nv-a/merge", Map.of("other", "nv-b")).status()).isEqualTo(200);
        assertThat(admin.delete("/api/entities/nv-e").status()).isEqualTo(204);
        assertThat(admin.delete("/api/relationships/nv-c.SUPPLIES.nv-d").status()).isEqualTo(204);
        // A link the merge moved, then deleted; an entity merged into one deleted since.
        assertThat(admin.delete("/api/relationships/nv-a.SUPPLIES.nv-h").status()).isEqualTo(204);
        assertThat(admin.post("/api/entities/nv-y/merge", Map.of("other", "nv-x")).status()).isEqualTo(200);
        assertThat(admin.delete("/api/entities/nv-y").status()).isEqualTo(204);
        // A curator's own entity, under an id the next version of the files also uses.
        assertThat(admin.post("/api/entities", Map.of("id", "nv-g", "name", "Curated G", "type", "Company")).status()).isEqualTo(201);
        try {
            // Version 2 of the files: two more firms and a link, everything else as before.
            DatasetLoader.LoadResult v2 = load(nodes + "," + node("nv-f", "Zeta NV") + "," + node("nv-g", "Dataset G"),
                    rels + "," + rel("nv-f", "SUPPLIES", "nv-c"));
            assertThat(v2.loaded()).isTrue();

            // What the curators did stays done ...
            assertThat(count("MATCH (n:Entity) WHERE n.id IN ['nv-b', 'nv-e', 'nv-x', 'nv-y'] RETURN count(n)")).isZero();
            assertThat(count("MATCH ()-[r]->() WHERE r.id IN ['nv-c.SUPPLIES.nv-d', 'nv-a.SUPPLIES.nv-h'] RETURN count(r)")).isZero();
            // ... the link the merge combined is kept as the merge left it, with both quotes ...
            assertThat(count("""
                    MATCH (:Entity {id: 'nv-a'})-[r:SUPPLIES]->(:Entity {id: 'nv-c'})
                    WHERE 'nv-b.SUPPLIES.nv-c' IN r.previousIds AND 'nv-a SUPPLIES nv-c' IN r.quotes AND 'nv-b SUPPLIES nv-c' IN r.quotes
                    RETURN count(r)""")).isEqualTo(1);
            assertThat(count("MATCH (:Entity {id: 'nv-a'})-[r]-(:Entity {id: 'nv-c'}) RETURN count(r)")).isEqualTo(1);
            // ... the curator's entity stays the curator's ...
            assertThat(count("MATCH (n:Entity {id: 'nv-g', name: 'Curated G', dataset: 'curation'}) RETURN count(n)")).isEqualTo(1);
            // ... and what the new version adds comes in.
            assertThat(count("MATCH (:Entity {id: 'nv-f'})-[r:SUPPLIES]->(:Entity {id: 'nv-c'}) RETURN count(r)")).isEqualTo(1);
            assertThat(count("MATCH (:Entity {id: 'nv-a'})-[r:PARTNER_OF]-(:Entity {id: 'nv-d'}) RETURN count(r)")).isEqualTo(1);
        } finally {
            admin.delete("/api/entities/nv-g");
        }
    }

    @Test
    void a_new_version_of_the_files_keeps_the_properties_curators_edited_and_takes_the_rest() throws IOException {
        String rels = rel("nv3-a", "SUPPLIES", "nv3-b");
        load(String.join(",", node("nv3-a", "Alpha NV3"), node("nv3-b", "Beta NV3"), node("nv3-c", "Gamma NV3"),
                node("nv3-d", "Delta NV3")), rels);
        Http admin = new Http(port).admin();
        assertThat(admin.patch("/api/entities/nv3-a", Map.of("name", "Alpha Renamed NV3", "sector", "Textile")).status()).isEqualTo(200);
        assertThat(admin.patch("/api/relationships/nv3-a.SUPPLIES.nv3-b", Map.of("year", 2011)).status()).isEqualTo(200);
        assertThat(admin.post("/api/entities/nv3-b/merge", Map.of("other", "nv3-c")).status()).isEqualTo(200);
        assertThat(admin.patch("/api/entities/nv3-d", Map.of("type", "Region")).status()).isEqualTo(200);

        // Version 2: the firm gets a description and a second quote, the link a second quote; the
        // names stay as the files had them. A new link from the "firm" a curator found to be a region.
        String a2 = """
                {"id": "nv3-a", "type": "Company", "name": "Alpha NV3", "props": {"description": "Makes alpha parts"},
                 "quotes": [{"quote": "Alpha NV3 is named"}, {"quote": "Alpha NV3 makes parts"}]}""";
        String rel2 = """
                {"source": "nv3-a", "type": "SUPPLIES", "target": "nv3-b",
                 "quotes": [{"quote": "nv3-a SUPPLIES nv3-b"}, {"quote": "Alpha NV3 delivers to Beta NV3"}]}""";
        assertThat(load(String.join(",", a2, node("nv3-b", "Beta NV3"), node("nv3-c", "Gamma NV3"), node("nv3-d", "Delta NV3")),
                rel2 + "," + rel("nv3-d", "SUPPLIES", "nv3-b")).loaded()).isTrue();

        // What the curator edited keeps the curator's value, and is found under it ...
        assertThat(count("MATCH (n:Entity {id: 'nv3-a', name: 'Alpha Renamed NV3', sector: 'Textile'}) RETURN count(n)")).isEqualTo(1);
        assertThat(new Http(port).get("/api/search?q=Alpha%20Renamed%20NV3").json().get(0).get("id").asString()).isEqualTo("nv3-a");
        // ... what the curator left alone takes the new files' values ...
        assertThat(count("""
                MATCH (n:Entity {id: 'nv3-a', description: 'Makes alpha parts'}) WHERE 'Alpha NV3 makes parts' IN n.quotes
                RETURN count(n)""")).isEqualTo(1);
        assertThat(count("""
                MATCH (:Entity {id: 'nv3-a'})-[r:SUPPLIES {year: 2011}]->(:Entity {id: 'nv3-b'})
                WHERE 'Alpha NV3 delivers to Beta NV3' IN r.quotes RETURN count(r)""")).isEqualTo(1);
        // ... and the survivor of a merge keeps what the merge gave it.
        assertThat(count("""
                MATCH (n:Entity {id: 'nv3-b'}) WHERE 'Gamma NV3' IN n.aliases AND 'nv3-c' IN n.mergedIds RETURN count(n)""")).isEqualTo(1);
        assertThat(count("MATCH (n:Entity {id: 'nv3-c'}) RETURN count(n)")).isZero();
        // A type the curator changed stays, label included, and a new link the model forbids for it is left out.
        assertThat(count("MATCH (n:Entity:Region {id: 'nv3-d', type: 'Region'}) WHERE NOT n:Company RETURN count(n)")).isEqualTo(1);
        assertThat(count("MATCH (:Entity {id: 'nv3-d'})-[r]-() RETURN count(r)")).isZero();
    }

    @Test
    void a_reload_from_scratch_restores_the_files_and_the_next_version_keeps_them() throws IOException {
        String nodes = String.join(",", node("nv2-a", "Alpha NV2"), node("nv2-b", "Beta NV2"));
        String rels = rel("nv2-a", "SUPPLIES", "nv2-b");
        load(nodes, rels);
        assertThat(new Http(port).admin().delete("/api/relationships/nv2-a.SUPPLIES.nv2-b").status()).isEqualTo(204);
        // The operator restores the files on purpose (FILIERE_DATASET_RELOAD=true) ...
        assertThat(new DatasetLoader(client, transactions).load(new DatasetLoader.Source(NAME, "nv.pdf", "file:" + dir), true).loaded())
                .isTrue();
        assertThat(count("MATCH ()-[r {id: 'nv2-a.SUPPLIES.nv2-b'}]->() RETURN count(r)")).isEqualTo(1);
        // ... and the next version of the files does not take the link away again.
        load(nodes + "," + node("nv2-c", "Gamma NV2"), rels);
        assertThat(count("MATCH ()-[r {id: 'nv2-a.SUPPLIES.nv2-b'}]->() RETURN count(r)")).isEqualTo(1);
    }
}

package org.filiere.importing;

import org.filiere.graph.Names;
import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MappedImportApiTest extends ApiTest {

    private static final String MAPPING = """
            {
              "delimiter": ";",
              "source": {"name": "Fournisseur", "country": "Pays"},
              "target": {"id": {"value": "renault-tanger"}},
              "type": {"value": "SUPPLIES"},
              "start": "Date de livraison",
              "end": "Date de livraison",
              "document": {"value": "achats-renault-tanger.xlsx"},
              "properties": {"amountEur": "Montant (EUR)"}
            }
            """;

    private final List<String> datasets = new ArrayList<>();

    private String dataset(String name) {
        String unique = "test-" + name + "-" + System.nanoTime();
        datasets.add(unique);
        return unique;
    }

    @AfterEach
    void removeImportedData() {
        datasets.forEach(Graph::deleteDataset);
    }

    private Api.Response upload(String dataset, String csv, String mapping) {
        Map<String, Map.Entry<String, byte[]>> files = new LinkedHashMap<>();
        files.put("file", Map.entry("suppliers.csv", csv.getBytes(StandardCharsets.UTF_8)));
        files.put("mapping", Map.entry("mapping.json", mapping.getBytes(StandardCharsets.UTF_8)));
        return api.postMultipart("/api/imports", Map.of("dataset", dataset), files, "admin", HarnessTest.ADMIN_PASSWORD);
    }

    @Test
    void a_supplier_list_with_name_variants_matches_known_firms_creates_the_others_and_flags_near_misses() {
        SupplierList list = new SupplierList(7, 1500, 120, 40);
        // The graph already knows the "known" firms (another import) and Lesieur Cristal (IPEMED).
        StringBuilder nodes = new StringBuilder("id,name,type\n");
        list.known.forEach(n -> nodes.append(Names.slug(n)).append(',').append(n).append(",Company\n"));
        JsonNode setup = api.awaitImport(api.postMultipart("/api/imports", Map.of("dataset", dataset("known-firms")),
                Map.of("nodes", Map.entry("nodes.csv", nodes.toString().getBytes(StandardCharsets.UTF_8))), "admin", HarnessTest.ADMIN_PASSWORD));
        assertThat(setup.get("status").asString()).isEqualTo("succeeded");
        String csv = list.csv() + "LESIEUR CRISTAL S.A.;MA;2019;5000\n";
        assertThat(list.rows.size() + 1).isGreaterThan(4000);
        long nodesBefore = Graph.entities();
        long relsBefore = Graph.entityRelationships();

        String name = dataset("suppliers");
        Api.Response accepted = upload(name, csv, MAPPING);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("rowsTotal").asLong()).isEqualTo(list.rows.size() + 1);
        JsonNode job = api.awaitImport(accepted);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("nodes").get("created").asLong()).isEqualTo(list.fresh.size() + list.typos.size());
        // Every known firm, Lesieur Cristal, and the buyer (by id).
        assertThat(job.get("nodes").get("matched").asLong()).isEqualTo(list.known.size() + 2);
        assertThat(job.get("relationships").get("created").asLong())
                .isEqualTo(list.fresh.size() + list.known.size() + list.typos.size() + 1);
        assertThat(job.get("flagged").asLong()).isEqualTo(list.typos.size());
        assertThat(job.get("rowsDone").asLong()).isEqualTo(job.get("rowsTotal").asLong());
        assertThat(Graph.entities()).isEqualTo(nodesBefore + list.fresh.size() + list.typos.size());
        assertThat(Graph.entityRelationships()).isEqualTo(relsBefore + list.fresh.size() + list.known.size()
                + 2L * list.typos.size() + 1);

        // A new supplier: one node whatever the spelling, its other spellings kept as aliases, its rows as one period.
        String fresh = list.fresh.get(0);
        int[] span = list.years.get(fresh);
        Map<String, Object> p = Map.of("id", Names.slug(Names.matchKey(fresh)), "d", name, "from", (long) span[0], "to", (long) span[1]);
        assertThat(Graph.count("""
                MATCH (s:Entity:Company {id: $id})-[r:SUPPLIES]->(:Entity {id: 'renault-tanger'})
                WHERE s.dataset = $d AND s.file = 'suppliers.csv' AND s.row >= 2 AND s.importedBy = 'admin' AND s.importedAt IS NOT NULL
                  AND r.dataset = $d AND r.file = 'suppliers.csv' AND r.row >= 2 AND r.importedBy = 'admin' AND r.importedAt IS NOT NULL
                  AND r.start = $from AND r.end = $to AND r.rowCount = ($to - $from + 1) AND r.amountEur IS NOT NULL
                  AND r.document = 'achats-renault-tanger.xlsx' AND s.country IN ['MA', 'FR'] AND size(s.aliases) >= 1
                RETURN count(r)""", p)).isEqualTo(1);
        // A known firm is linked, not rewritten: it keeps the other import's provenance.
        String known = list.known.get(0);
        assertThat(Graph.count("""
                MATCH (s:Entity {id: $id})-[r:SUPPLIES {dataset: $d}]->(:Entity {id: 'renault-tanger'})
                WHERE s.dataset <> $d RETURN count(r)""", Map.of("id", Names.slug(known), "d", name))).isEqualTo(1);
        assertThat(Graph.count("""
                MATCH (:Entity {id: 'lesieur-cristal', dataset: 'ipemed'})-[r:SUPPLIES {dataset: $d}]->(:Entity {id: 'renault-tanger'})
                RETURN count(r)""", Map.of("d", name))).isEqualTo(1);
        // A near miss is a new firm, linked for review to the one it resembles.
        for (int i = 0; i < list.typos.size(); i++) {
            assertThat(Graph.count("""
                    MATCH (t:Entity {dataset: $d, id: $typo})-[r:POSSIBLY_SAME_AS]-(k:Entity {id: $known})
                    WHERE r.dataset = $d AND r.inferred AND r.similarity >= 0.85 AND r.similarity < 1
                    RETURN count(r)""", Map.of("d", name, "known", Names.slug(list.known.get(i)), "typo", Names.slug(Names.matchKey(list.typos.get(i))))))
                    .as(list.typos.get(i)).isEqualTo(1);
        }

        // Idempotent: the same file again creates and flags nothing.
        JsonNode again = api.awaitImport(upload(name, csv, MAPPING));
        assertThat(again.get("status").asString()).isEqualTo("succeeded");
        assertThat(again.get("nodes").get("created").asLong()).isZero();
        assertThat(again.get("nodes").get("matched").asLong())
                .isEqualTo(list.fresh.size() + list.known.size() + list.typos.size() + 2);
        assertThat(again.get("relationships").get("created").asLong()).isZero();
        assertThat(again.get("relationships").get("matched").asLong())
                .isEqualTo(list.fresh.size() + list.known.size() + list.typos.size() + 1);
        assertThat(again.get("flagged").asLong()).isZero();
        assertThat(Graph.entities()).isEqualTo(nodesBefore + list.fresh.size() + list.typos.size());
        assertThat(Graph.entityRelationships()).isEqualTo(relsBefore + list.fresh.size() + list.known.size()
                + 2L * list.typos.size() + 1);
    }

    @Test
    void a_relationship_type_column_and_a_target_by_name_are_mapped_too() {
        String csv = """
                buyer,seller,relation,year
                Renault Tanger,Zorvak Plastiques SARL,CUSTOMER_OF,2016
                Renault Tanger,ZORVAK PLASTIQUES,CUSTOMER_OF,2018
                Zorvak Plastiques SARL,Renault Tanger,SUPPLIES,2014
                Qintari Câbles,Renault Tanger,SUPPLIES,2020
                """;
        String mapping = """
                {"source": {"name": "buyer"}, "target": {"name": "seller"}, "type": "relation", "year": {"column": "year"}}
                """;
        String name = dataset("columns");
        JsonNode job = api.awaitImport(upload(name, csv, mapping));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("nodes").get("created").asLong()).isEqualTo(2);
        assertThat(job.get("nodes").get("matched").asLong()).isEqualTo(1);
        // A customer link is stored as the supply link it states (RelType.stored): the two customer rows
        // and the supply row of the same pair are one link of three rows, from the earliest year.
        assertThat(Graph.count("""
                MATCH (z:Entity {id: 'zorvak-plastiques'})-[r:SUPPLIES {id: 'zorvak-plastiques.SUPPLIES.renault-tanger', year: 2014, rowCount: 3}]->(:Entity {id: 'renault-tanger'})
                WHERE z.name = 'Zorvak Plastiques SARL' AND z.aliases = ['ZORVAK PLASTIQUES'] RETURN count(r)""")).isEqualTo(1);
        assertThat(Graph.count("MATCH (:Entity {id: 'qintari-cables'})-[r:SUPPLIES {year: 2020}]->(:Entity {id: 'renault-tanger'}) RETURN count(r)"))
                .isEqualTo(1);
    }

    @Test
    void a_target_given_by_the_id_of_a_merged_entity_is_its_survivor() {
        String name = dataset("merged");
        org.filiere.support.Http admin = new org.filiere.support.Http(port).admin();
        String keep = name + "-keep";
        String drop = name + "-drop";
        for (String id : List.of(keep, drop)) {
            assertThat(admin.post("/api/entities", Map.of("id", id, "name", "Buyer " + id, "type", "Company")).status()).isEqualTo(201);
        }
        try {
            assertThat(admin.post("/api/entities/" + keep + "/merge", Map.of("other", drop)).status()).isEqualTo(200);
            JsonNode job = api.awaitImport(upload(name, "supplier\nQintari Câbles\n", """
                    {"source": {"name": "supplier"}, "target": {"id": {"value": "%s"}}, "type": {"value": "SUPPLIES"}}
                    """.formatted(drop)));
            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
            assertThat(Graph.count("MATCH (:Entity)-[r:SUPPLIES]->(:Entity {id: $k}) WHERE r.dataset = $d RETURN count(r)",
                    Map.of("k", keep, "d", name))).isEqualTo(1);
            assertThat(Graph.count("MATCH (n:Entity {id: $id}) RETURN count(n)", Map.of("id", drop))).isZero();
        } finally {
            admin.delete("/api/entities/" + keep);
        }
    }

    @Test
    void reports_every_mapping_and_row_error_and_writes_nothing() {
        long nodes = Graph.entities();
        Api.Response badJson = upload(dataset("bad-json"), "a,b\n", "{not json");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().get("errors").get(0).get("file").asString()).isEqualTo("mapping");

        Api.Response badMapping = upload(dataset("bad-mapping"), "a,b\n", """
                {"source": {"name": "a", "colour": "b"}, "target": {"id": {"value": "Not A Slug"}},
                 "type": {"value": "TELEPORTS_TO"}, "properties": {"dataset": "b", "importJob": "b", "kind": "b", "similarity": "b",
                 "amountEur": "b"}}""");
        assertThat(badMapping.status()).isEqualTo(400);
        // importJob is the rollback key of another import, kind marks an element the explorer draws itself,
        // similarity scores a possible duplicate: none may come from a column.
        assertThat(columns(badMapping)).contains("source.colour", "target.id", "type", "properties.dataset",
                "properties.importJob", "properties.kind", "properties.similarity").doesNotContain("properties.amountEur");

        String csv = """
                supplier,date,kind
                Good Firm,2019,Company
                ,2019,Company
                Bad Date Firm,someday,Company
                Bad Type Firm,2019,Spaceship
                """;
        Api.Response rows = upload(dataset("bad-rows"), csv, """
                {"source": {"name": "supplier", "type": "kind"}, "target": {"id": {"value": "no-such-buyer-anywhere"}},
                 "type": {"value": "SUPPLIES"}, "year": "date", "quote": "missing column"}""");
        assertThat(rows.status()).isEqualTo(400);
        assertThat(rows.contentType()).contains("application/problem+json");
        // The missing column is reported on the header; rows are not read against a mapping that does not fit.
        assertThat(cells(rows)).containsExactly("suppliers.csv:1:missing column");

        Api.Response rowErrors = upload(dataset("bad-rows-2"), csv, """
                {"source": {"name": "supplier", "type": "kind"}, "target": {"id": {"value": "no-such-buyer-anywhere"}},
                 "type": {"value": "SUPPLIES"}, "year": "date"}""");
        assertThat(cells(rowErrors)).containsExactlyInAnyOrder("suppliers.csv:3:supplier", "suppliers.csv:4:date",
                "suppliers.csv:5:kind", "mapping:-:target.id");
        assertThat(Graph.entities()).isEqualTo(nodes);
        assertThat(Graph.count("MATCH (n {name: 'Good Firm'}) RETURN count(n)")).isZero();
    }

    private static List<String> columns(Api.Response r) {
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("column").asString()));
        return out;
    }

    private static List<String> cells(Api.Response r) {
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("file").asString() + ":" + (e.get("row").isNull() ? "-" : e.get("row").asInt())
                + ":" + e.get("column").asString()));
        return out;
    }
}

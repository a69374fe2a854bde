package org.filiere.curation;

import org.filiere.support.Graph;
import org.filiere.support.Http;
import org.filiere.support.SharedNeo4j;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CurationApiTest extends CurationApiTestBase {


    private String entity(String suffix, String name, String type, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>(more);
        body.put("id", p + suffix);
        body.put("name", name);
        body.put("type", type);
        Http.Answer r = admin.post("/api/entities", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return p + suffix;
    }

    private String relationship(String source, String type, String target, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>(more);
        body.put("source", source);
        body.put("target", target);
        body.put("type", type);
        Http.Answer r = admin.post("/api/relationships", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) array.forEach(v -> out.add(v.isString() ? v.asString() : v.toString()));
        return out;
    }

    private List<String> actions(String id) {
        JsonNode h = api.get("/api/entities/" + id + "/history").json();
        List<String> out = new ArrayList<>();
        h.get("changes").forEach(c -> out.add(c.get("action").asString() + " " + c.get("subject").asString()));
        return out;
    }

    @Test
    void creates_edits_and_deletes_an_entity_and_search_follows() {
        Http.Answer created = admin.post("/api/entities", Map.of("id", p + "acme", "name", "Acme Maroc", "type", "Company",
                "country", "ma", "aliases", List.of("ACME", "Acme SA"), "document", "suppliers-2024.pdf",
                "quotes", List.of(Map.of("quote", "Acme, a Tangier supplier", "section", "List"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/entities/" + p + "acme");
        JsonNode d = created.json();
        assertThat(d.get("name").asString()).isEqualTo("Acme Maroc");
        assertThat(d.get("labels").toString()).contains("Entity", "Company");
        assertThat(texts(d.get("aliases"))).containsExactly("ACME", "Acme SA");
        assertThat(d.get("properties").get("country").asString()).isEqualTo("MA");
        assertThat(d.get("properties").get("side").asString()).as("side follows the country").isEqualTo("south");
        assertThat(d.get("properties").get("dataset").asString()).isEqualTo("curation");
        assertThat(d.get("quotes").get(0).get("section").asString()).isEqualTo("List");
        assertThat(d.get("quotes").get(0).get("document").asString()).isEqualTo("suppliers-2024.pdf");
        assertThat(api.get("/api/search?q=acme%20maroc").body()).contains(p + "acme");

        Http.Answer edited = admin.patch("/api/entities/" + p + "acme", Map.of("name", "Acme Morocco", "type", "Institution",
                "aliases", List.of("Acme Maroc"), "country", "FR", "sector", "automotive", "comment", "renamed"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("name").asString()).isEqualTo("Acme Morocco");
        assertThat(edited.json().get("labels").toString()).contains("Institution").doesNotContain("Company");
        assertThat(edited.json().get("properties").get("side").asString()).isEqualTo("north");
        assertThat(edited.json().get("properties").get("sector").asString()).isEqualTo("automotive");
        assertThat(Graph.count("MATCH (n:Entity:Company {id: $id}) RETURN count(n)", Map.of("id", p + "acme"))).isZero();
        assertThat(api.get("/api/search?q=acme%20morocco").body()).contains(p + "acme");

        // null removes an optional property
        assertThat(admin.patch("/api/entities/" + p + "acme", java.util.Collections.singletonMap("sector", null)).status()).isEqualTo(200);
        assertThat(api.get("/api/entities/" + p + "acme").json().get("properties").has("sector")).isFalse();

        assertThat(admin.delete("/api/entities/" + p + "acme?comment=duplicate%20entry").status()).isEqualTo(204);
        assertThat(api.get("/api/entities/" + p + "acme").status()).isEqualTo(404);
        assertThat(actions(p + "acme")).containsExactly("delete entity", "edit entity", "edit entity", "create entity");
    }

    @Test
    void creates_edits_and_deletes_a_relationship_seen_by_the_traversals() {
        String acme = entity("acme", "Acme", "Company", Map.of());
        String id = relationship(acme, "SUPPLIES", "renault-tanger", Map.of("tier", 1, "year", 2012,
                "quotes", List.of("Acme supplies the plant"), "document", "list.pdf"));
        assertThat(id).isEqualTo(acme + ".SUPPLIES.renault-tanger");
        JsonNode r = api.get("/api/relationships/" + id).json();
        assertThat(r.get("source").get("name").asString()).isEqualTo("Acme");
        assertThat(r.get("target").get("name").asString()).isEqualTo("Renault Tanger");
        assertThat(r.get("properties").get("tier").asLong()).isEqualTo(1);
        assertThat(texts(r.get("properties").get("quotes"))).containsExactly("Acme supplies the plant");
        assertThat(api.get("/api/graph/tiers/renault-tanger?depth=1").ids("nodes")).contains(acme);

        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("start", 2010);
        edit.put("end", 2015);
        edit.put("share", 0.25);
        edit.put("tier", null);
        Http.Answer edited = admin.patch("/api/relationships/" + id, edit);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("properties").has("tier")).isFalse();
        assertThat(edited.json().get("properties").get("end").asLong()).isEqualTo(2015);
        assertThat(api.get("/api/graph/neighbourhood/" + acme + "?asOf=2018").ids("nodes")).doesNotContain("renault-tanger");
        assertThat(api.get("/api/graph/neighbourhood/" + acme + "?asOf=2012").ids("nodes")).contains("renault-tanger");

        // A partnership is stored once, ends in alphabetical order, whichever way it is given.
        String beta = entity("beta", "Beta", "Company", Map.of());
        String partner = relationship(beta, "PARTNER_OF", acme, Map.of());
        assertThat(partner).isEqualTo(acme + ".PARTNER_OF." + beta);
        assertThat(admin.post("/api/relationships", Map.of("source", acme, "target", beta, "type", "PARTNER_OF")).status()).isEqualTo(409);
        // "Beta is a customer of Acme" is stored as "Acme supplies Beta": Beta is then downstream of Acme.
        String customer = relationship(beta, "CUSTOMER_OF", acme, Map.of("quotes", List.of("Beta buys from Acme")));
        assertThat(customer).isEqualTo(acme + ".SUPPLIES." + beta);
        // The id as given (an old export's) reads the link it is stored as.
        assertThat(api.get("/api/relationships/" + beta + ".CUSTOMER_OF." + acme).json().get("id").asString()).isEqualTo(customer);
        assertThat(api.get("/api/graph/tiers/" + acme + "?direction=downstream&depth=1").ids("nodes")).contains(beta);
        assertThat(admin.post("/api/relationships", Map.of("source", acme, "target", beta, "type", "SUPPLIES")).status()).isEqualTo(409);
        assertThat(admin.delete("/api/relationships/" + customer).status()).isEqualTo(204);

        assertThat(admin.delete("/api/relationships/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/relationships/" + id).status()).isEqualTo(404);
        assertThat(Graph.count("MATCH (:Entity {id: $a})-[r:SUPPLIES]->() RETURN count(r)", Map.of("a", acme))).isZero();
        assertThat(actions(acme)).containsExactly("delete relationship", "delete relationship", "create relationship",
                "create relationship", "edit relationship", "create relationship", "create entity");
        assertThat(api.get("/api/entities/renault-tanger/history").json().get("changes").toString()).contains(id);
    }

    /** A (Acme Maroc) absorbs B (ACME Morocco); X and Y are their neighbours. */
    private Map<String, String> mergeFixture() {
        String a = entity("a", "Acme Maroc", "Company", Map.of("document", "doc-a.pdf", "quotes", List.of("quote of A"),
                "aliases", List.of("ACME")));
        String b = entity("b", "ACME Morocco", "Company", Map.of("document", "doc-b.pdf", "quotes",
                List.of(Map.of("quote", "quote of B", "section", "Annex")), "aliases", List.of("Acme MA", "ACME"),
                "country", "MA", "sector", "automotive"));
        String x = entity("x", "Xylo", "Company", Map.of());
        String y = entity("y", "Ypsilon", "Company", Map.of());
        relationship(b, "SUPPLIES", x, Map.of("quotes", List.of("B supplies X"), "tier", 1));
        relationship(a, "SUPPLIES", x, Map.of("quotes", List.of("A supplies X")));
        relationship(b, "PARTNER_OF", y, Map.of("quotes", List.of("B and Y cooperate")));
        relationship(y, "SUPPLIES", b, Map.of("year", 2011));
        relationship(a, "POSSIBLY_SAME_AS", b, Map.of());
        return Map.of("a", a, "b", b, "x", x, "y", y);
    }

    @Test
    void merges_an_entity_keeping_aliases_relationships_and_provenance_and_removes_the_merged_node() {
        Map<String, String> f = mergeFixture();
        String a = f.get("a"), b = f.get("b"), x = f.get("x"), y = f.get("y");
        Http.Answer merged = admin.post("/api/entities/" + a + "/merge", Map.of("other", b, "comment", "same firm"));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("moved").asInt()).isEqualTo(2);      // PARTNER_OF y, y SUPPLIES
        assertThat(merged.json().get("combined").asInt()).isEqualTo(1);   // SUPPLIES x
        assertThat(merged.json().get("dropped").asInt()).isEqualTo(1);    // POSSIBLY_SAME_AS a–b

        assertThat(api.get("/api/entities/" + b).status()).isEqualTo(404);
        JsonNode d = api.get("/api/entities/" + a).json();
        assertThat(d.get("name").asString()).isEqualTo("Acme Maroc");
        assertThat(texts(d.get("aliases"))).containsExactly("ACME", "ACME Morocco", "Acme MA");
        assertThat(d.get("properties").get("country").asString()).as("a gap filled from the merged entity").isEqualTo("MA");
        assertThat(texts(d.get("properties").get("documents"))).containsExactly("doc-a.pdf", "doc-b.pdf");
        assertThat(texts(d.get("properties").get("mergedIds"))).containsExactly(b);
        List<String> quotes = new ArrayList<>();
        d.get("quotes").forEach(q -> quotes.add(q.get("quote").asString() + " | " + q.get("document").asString()));
        assertThat(quotes).containsExactly("quote of A | doc-a.pdf", "quote of B | doc-b.pdf");
        assertThat(api.get("/api/search?q=acme%20morocco").body()).contains(a).doesNotContain("\"" + b + "\"");

        // Relationships moved, the shared one combined, none duplicated, no self-loop.
        Map<String, Object> ids = Map.of("a", a, "b", b, "x", x, "y", y);
        assertThat(Graph.count("MATCH (:Entity {id: $a})-[r:SUPPLIES]->(:Entity {id: $x}) RETURN count(r)", ids)).isEqualTo(1);
        JsonNode combined = api.get("/api/relationships/" + a + ".SUPPLIES." + x).json().get("properties");
        assertThat(texts(combined.get("quotes"))).containsExactly("A supplies X", "B supplies X");
        assertThat(combined.get("tier").asLong()).as("a gap filled from the moved relationship").isEqualTo(1);
        assertThat(texts(combined.get("previousIds"))).containsExactly(b + ".SUPPLIES." + x);
        assertThat(api.get("/api/relationships/" + a + ".PARTNER_OF." + y).status()).isEqualTo(200);
        assertThat(api.get("/api/relationships/" + y + ".SUPPLIES." + a).json().get("properties").get("year").asLong()).isEqualTo(2011);
        assertThat(Graph.count("MATCH (n:Entity {id: $a})-[r]-(n) RETURN count(r)", ids)).isZero();
        assertThat(Graph.count("MATCH (:Entity {id: $a})-[r:POSSIBLY_SAME_AS]-() RETURN count(r)", ids)).isZero();
        assertThat(Graph.count("MATCH (n:Entity {id: $b}) RETURN count(n)", ids)).isZero();
        assertThat(Graph.count("MATCH (:Entity {id: $a})-[r]-() RETURN count(r)", ids)).isEqualTo(3);
    }

    @Test
    void a_merge_keeps_each_quote_with_its_document_and_leaves_the_import_provenance_of_the_merged_side_behind() {
        String keep = entity("keep", "Delta Cables", "Company", Map.of());
        String drop = entity("drop", "Tazi Cables", "Company", Map.of());
        String customer = entity("customer", "Acme Assembly", "Company", Map.of());
        relationship(keep, "SUPPLIES", customer, Map.of("quotes", List.of("Delta supplies Acme"), "document", "notes.pdf"));
        relationship(drop, "SUPPLIES", customer, Map.of("quotes", List.of("Tazi supplies Acme"), "document", "suppliers-2024.pdf"));
        // As an import leaves them: the row each came from and the job that wrote it (a failed job
        // deletes what carries its id, so the survivor must not take that id over).
        SharedNeo4j.get().defaultDatabaseService().executeTransactionally("""
                MATCH (d:Entity {id: $drop})-[r:SUPPLIES]->(:Entity {id: $customer})
                SET d.importJob = 'job-1', d.file = 'nodes.csv', d.row = 4,
                    r.importJob = 'job-1', r.file = 'rels.csv', r.row = 7
                """, Map.of("drop", drop, "customer", customer));

        Http.Answer merged = admin.post("/api/entities/" + keep + "/merge", Map.of("other", drop));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("combined").asInt()).isEqualTo(1);

        JsonNode survivor = api.get("/api/entities/" + keep).json().get("properties");
        for (String k : List.of("importJob", "file", "row")) assertThat(survivor.has(k)).as(k).isFalse();
        JsonNode link = api.get("/api/relationships/" + keep + ".SUPPLIES." + customer).json().get("properties");
        for (String k : List.of("importJob", "file", "row")) assertThat(link.has(k)).as(k).isFalse();
        assertThat(texts(link.get("quotes"))).containsExactly("Delta supplies Acme", "Tazi supplies Acme");
        assertThat(texts(link.get("quoteDocuments"))).containsExactly("notes.pdf", "suppliers-2024.pdf");
        assertThat(texts(link.get("documents"))).containsExactly("notes.pdf", "suppliers-2024.pdf");
        assertThat(link.get("document").asString()).as("the survivor's own document stays its document").isEqualTo("notes.pdf");
        // The merged side's import provenance stays in the audit record.
        assertThat(api.get("/api/entities/" + keep + "/history").body()).contains("rels.csv").contains("job-1");
    }

    @Test
    void a_renamed_entity_is_still_found_by_its_old_name() {
        assertThat(admin.post("/api/entities", Map.of("id", p + "wwd", "name", "West Ward Pharma", "type", "Company",
                "aliases", List.of("WWP"))).status()).isEqualTo(201);
        assertThat(admin.patch("/api/entities/" + p + "wwd", Map.of("name", "Hikma USA")).status()).isEqualTo(200);
        assertThat(api.get("/api/entities/" + p + "wwd").json().get("aliases").toString()).isEqualTo("[\"WWP\",\"West Ward Pharma\"]");
        assertThat(api.get("/api/search?q=west%20ward%20pharma").body()).contains(p + "wwd");
        // An edit that says what the aliases are is taken as it is.
        assertThat(admin.patch("/api/entities/" + p + "wwd", Map.of("name", "Hikma Pharmaceuticals USA", "aliases", List.of())).status()).isEqualTo(200);
        assertThat(api.get("/api/entities/" + p + "wwd").json().get("aliases")).isEmpty();
    }

    @Test
    void records_who_when_before_and_after_of_an_edit_and_of_a_merge() {
        Instant start = Instant.now().minusSeconds(1);
        Map<String, String> f = mergeFixture();
        String a = f.get("a"), b = f.get("b"), x = f.get("x");
        assertThat(admin.patch("/api/entities/" + a, Map.of("name", "Acme Maroc SA", "comment", "legal name")).status()).isEqualTo(200);
        JsonNode edit = api.get("/api/entities/" + a + "/history?limit=1").json();
        assertThat(edit.get("total").asLong()).isGreaterThan(1);
        assertThat(edit.get("changes")).hasSize(1);
        JsonNode e = edit.get("changes").get(0);
        assertThat(e.get("action").asString()).isEqualTo("edit");
        assertThat(e.get("user").asString()).isEqualTo("admin");
        assertThat(Instant.parse(e.get("at").asString().replaceAll("\\[.*]$", ""))).isBetween(start, Instant.now().plusSeconds(1));
        assertThat(e.get("before").get("name").asString()).isEqualTo("Acme Maroc");
        assertThat(e.get("after").get("name").asString()).isEqualTo("Acme Maroc SA");
        assertThat(e.get("comment").asString()).isEqualTo("legal name");

        assertThat(admin.post("/api/entities/" + a + "/merge", Map.of("other", b)).status()).isEqualTo(200);
        JsonNode h = api.get("/api/entities/" + a + "/history").json();
        JsonNode m = h.get("changes").get(0);
        assertThat(m.get("action").asString()).isEqualTo("merge");
        assertThat(m.get("user").asString()).isEqualTo("admin");
        assertThat(m.get("survivor").asString()).isEqualTo(a);
        assertThat(m.get("merged").asString()).isEqualTo(b);
        assertThat(m.get("before").get("merged").get("name").asString()).isEqualTo("ACME Morocco");
        assertThat(m.get("before").get("relationships")).hasSize(4);
        assertThat(texts(m.get("after").get("survivor").get("aliases"))).contains("ACME Morocco");
        // The merged entity's own history is part of the survivor's, and stays reachable under its id.
        assertThat(texts(h.get("includes"))).containsExactly(b);
        assertThat(h.get("changes").toString()).contains("\"subjectId\":\"" + b + "\"");
        JsonNode gone = api.get("/api/entities/" + b + "/history").json();
        assertThat(gone.get("exists").asBoolean()).isFalse();
        assertThat(gone.get("mergedInto").asString()).isEqualTo(a);
        assertThat(gone.get("changes").get(0).get("action").asString()).isEqualTo("merge");
        // A neighbour whose relationship moved sees the merge too.
        assertThat(actions(x)).first().isEqualTo("merge entity");
    }

    @Test
    void lists_the_links_of_a_type_that_a_source_only_implies() {
        JsonNode all = api.get("/api/relationships?type=SUBSIDIARY_OF&limit=500").json();
        JsonNode inferred = api.get("/api/relationships?type=SUBSIDIARY_OF&inferred=true&limit=500").json();
        JsonNode stated = api.get("/api/relationships?type=SUBSIDIARY_OF&inferred=false&limit=500").json();
        assertThat(inferred.get("total").asLong()).isPositive();
        assertThat(inferred.get("total").asLong() + stated.get("total").asLong()).isEqualTo(all.get("total").asLong());
        inferred.get("relationships").forEach(r -> assertThat(r.toString()).contains("\"inferred\":true"));
        assertThat(inferred.get("relationships").toString()).contains("jet-alu-algerie.SUBSIDIARY_OF.jet-alu-maroc");
        assertThat(stated.get("relationships").toString()).doesNotContain("jet-alu-algerie.SUBSIDIARY_OF.jet-alu-maroc");
        assertThat(api.get("/api/relationships?type=SUBSIDIARY_OF&inferred=perhaps").status()).isEqualTo(400);
    }

    @Test
    void dismisses_a_possibly_same_as_link_and_keeps_the_decision() {
        String viza = entity("viza", "Viza", "Company", Map.of());
        String vizaAuto = entity("viza-automocion", "Viza Automoción", "Company", Map.of());
        String id = relationship(vizaAuto, "POSSIBLY_SAME_AS", viza, Map.of());
        JsonNode list = api.get("/api/relationships?type=POSSIBLY_SAME_AS&limit=500").json();
        assertThat(list.get("relationships").toString()).contains(id).contains("Viza Automoción");
        assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(9); // the IPEMED 8 and this one

        String supplies = relationship(viza, "SUPPLIES", vizaAuto, Map.of());
        assertThat(admin.post("/api/relationships/" + supplies + "/dismiss", Map.of()).status()).isEqualTo(409);
        // A link that does not exist is not found, whatever type its id names.
        String missing = supplies.replace("SUPPLIES", "PARTNER_OF");
        Http.Answer absent = admin.post("/api/relationships/" + missing + "/dismiss", Map.of());
        assertThat(absent.status()).isEqualTo(404);
        assertThat(absent.json().get("detail").asString()).contains(missing);

        assertThat(admin.post("/api/relationships/" + id + "/dismiss", Map.of("comment", "two different firms")).status()).isEqualTo(204);
        assertThat(api.get("/api/relationships/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/entities/" + viza).status()).isEqualTo(200);
        assertThat(api.get("/api/entities/" + vizaAuto).status()).isEqualTo(200);
        JsonNode change = api.get("/api/entities/" + viza + "/history").json().get("changes").get(0);
        assertThat(change.get("action").asString()).isEqualTo("dismiss");
        assertThat(change.get("comment").asString()).isEqualTo("two different firms");
        assertThat(change.get("before").get("type").asString()).isEqualTo("POSSIBLY_SAME_AS");
        assertThat(actions(vizaAuto)).first().isEqualTo("dismiss relationship");
    }

    @Test
    void the_audit_trail_stays_out_of_search_exports_and_counts() {
        String acme = entity("acme", "Acme", "Company", Map.of());
        assertThat(admin.patch("/api/entities/" + acme, Map.of("name", "Acme Audited", "comment", "zzauditmarker")).status()).isEqualTo(200);
        assertThat(Graph.count("MATCH (a:__Audit) WHERE a.comment = 'zzauditmarker' RETURN count(a)")).isEqualTo(1);
        assertThat(api.get("/api/search?q=zzauditmarker").json()).isEmpty();
        String export = api.download("/api/export?format=cyjs").text();
        assertThat(export).doesNotContain("zzauditmarker").doesNotContain("__Audit");
        assertThat(Graph.count("MATCH (a:__Audit) WHERE a:Entity RETURN count(a)")).isZero();
        assertThat(Graph.count("MATCH (a) WHERE a:__Audit OR a:__AuditEntry MATCH (a)--() RETURN count(a)")).isZero();
        assertThat(api.get("/api/graph/neighbourhood/" + acme).ids("nodes")).containsExactly(acme);
    }

    @Test
    void history_pages_newest_first_and_an_unknown_id_has_none() {
        String acme = entity("acme", "Acme", "Company", Map.of());
        for (int i = 1; i <= 3; i++) {
            assertThat(admin.patch("/api/entities/" + acme, Map.of("name", "Acme " + i)).status()).isEqualTo(200);
        }
        JsonNode page = api.get("/api/entities/" + acme + "/history?offset=1&limit=2").json();
        assertThat(page.get("total").asLong()).isEqualTo(4);
        List<String> names = new ArrayList<>();
        page.get("changes").forEach(c -> names.add(c.get("after").get("name").asString()));
        assertThat(names).containsExactly("Acme 2", "Acme 1");
        // Editing to the same values records nothing.
        assertThat(admin.patch("/api/entities/" + acme, Map.of("name", "Acme 3")).status()).isEqualTo(200);
        assertThat(api.get("/api/entities/" + acme + "/history").json().get("total").asLong()).isEqualTo(4);
        assertThat(api.get("/api/entities/" + p + "never/history").status()).isEqualTo(404);
        assertThat(api.get("/api/entities/" + acme + "/history?limit=0").status()).isEqualTo(400);
    }
}

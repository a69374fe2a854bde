package org.filiere.curation;

import org.filiere.support.Graph;
import org.filiere.support.Http;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad curation request: a 4xx problem+json that names what is wrong, and the graph unchanged. */
class CurationValidationTest extends CurationApiTestBase {


    private record Case(String what, String method, String path, Object body, String contentType, int status, String field) {
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private long snapshot() {
        return Graph.count("""
                MATCH (n) WITH count(n) AS nodes
                MATCH ()-[r]->() WITH nodes, count(r) AS rels
                MATCH (e:Entity) WITH nodes, rels, sum(size(keys(e))) AS keys, collect(e.name) AS names
                RETURN nodes * 1000003 + rels * 1009 + keys + size(reduce(s = '', x IN names | s + x))""");
    }

    @Test
    void every_bad_request_is_a_problem_naming_what_is_wrong_and_changes_nothing() {
        String acme = p + "acme";
        String beta = p + "beta";
        assertThat(admin.post("/api/entities", map("id", acme, "name", "Acme", "type", "Company")).status()).isEqualTo(201);
        assertThat(admin.post("/api/entities", map("id", beta, "name", "Beta", "type", "Company")).status()).isEqualTo(201);
        String supplies = acme + ".SUPPLIES." + beta;
        assertThat(admin.post("/api/relationships", map("source", acme, "target", beta, "type", "SUPPLIES", "start", 2010)).status()).isEqualTo(201);
        String sector = "automotive";

        List<Case> cases = List.of(
                new Case("malformed JSON", "POST", "/api/entities", "{\"name\": ", "application/json", 400, null),
                new Case("not JSON at all", "POST", "/api/entities", "name=x", "text/plain", 415, null),
                // Found by HttpFuzzingTest: a form body whose parameter "name" holds a line break is refused by
                // Spring Security's firewall only when the controller reads it; that used to answer 500.
                new Case("form body with a line break in a name", "POST", "/api/relationships/" + p + "x.POSSIBLY_SAME_AS." + p + "y/dismiss",
                        "id,name\n\"a\",b\n", "application/x-www-form-urlencoded", 400, null),
                new Case("a list, not an object", "POST", "/api/entities", "[1]", "application/json", 422, "body"),
                new Case("no name", "POST", "/api/entities", map("type", "Company"), "application/json", 422, "name"),
                new Case("no type", "POST", "/api/entities", map("name", "X " + p), "application/json", 422, "type"),
                new Case("unknown type", "POST", "/api/entities", map("name", "X " + p, "type", "Widget"), "application/json", 422, "type"),
                new Case("type not a text", "POST", "/api/entities", map("name", "X " + p, "type", 3), "application/json", 422, "type"),
                new Case("bad country", "POST", "/api/entities", map("name", "X " + p, "type", "Company", "country", "XX"), "application/json", 422, "country"),
                new Case("unknown field", "POST", "/api/entities", map("name", "X " + p, "type", "Company", "contry", "FR"), "application/json", 422, "contry"),
                new Case("bad id", "POST", "/api/entities", map("id", "Bad Id", "name", "X", "type", "Company"), "application/json", 422, "id"),
                new Case("aliases not a list", "POST", "/api/entities", map("name", "X " + p, "type", "Company", "aliases", "A;B"), "application/json", 422, "aliases"),
                new Case("blank quote", "POST", "/api/entities", map("name", "X " + p, "type", "Company", "quotes", List.of(" ")), "application/json", 422, "quotes[0]"),
                new Case("name too long", "POST", "/api/entities", map("name", "x".repeat(301), "type", "Company"), "application/json", 422, "name"),
                new Case("id taken", "POST", "/api/entities", map("id", "renault", "name", "Renault bis", "type", "Company"), "application/json", 409, null),
                new Case("id made from a taken name", "POST", "/api/entities", map("name", "Renault", "type", "Company"), "application/json", 409, null),
                new Case("malformed path id", "PATCH", "/api/entities/Not_An_Id", map("name", "x"), "application/json", 400, null),
                new Case("unknown entity", "PATCH", "/api/entities/" + p + "nobody", map("name", "x"), "application/json", 404, null),
                new Case("name removed", "PATCH", "/api/entities/" + acme, Collections.singletonMap("name", null), "application/json", 422, "name"),
                new Case("type change breaking a link", "PATCH", "/api/entities/" + acme, map("type", "Sector"), "application/json", 409, null),
                new Case("delete unknown entity", "DELETE", "/api/entities/" + p + "nobody", null, null, 404, null),
                new Case("unknown relationship type", "POST", "/api/relationships", map("source", acme, "target", beta, "type", "LIKES"), "application/json", 422, "type"),
                new Case("wrong direction", "POST", "/api/relationships", map("source", acme, "target", beta, "type", "IN_SECTOR"), "application/json", 422, "type"),
                new Case("reversed direction", "POST", "/api/relationships", map("source", sector, "target", acme, "type", "IN_SECTOR"), "application/json", 422, "type"),
                new Case("unknown end", "POST", "/api/relationships", map("source", acme, "target", p + "ghost", "type", "SUPPLIES"), "application/json", 422, "target"),
                new Case("self-loop", "POST", "/api/relationships", map("source", acme, "target", acme, "type", "SUPPLIES"), "application/json", 422, "target"),
                new Case("end before start", "POST", "/api/relationships", map("source", beta, "target", acme, "type", "SUPPLIES", "start", 2015, "end", 2010), "application/json", 422, "end"),
                new Case("year out of range", "POST", "/api/relationships", map("source", beta, "target", acme, "type", "SUPPLIES", "year", 1200), "application/json", 422, "year"),
                new Case("share above 1", "POST", "/api/relationships", map("source", beta, "target", acme, "type", "OWNS_STAKE_IN", "share", 51), "application/json", 422, "share"),
                new Case("tier 0", "POST", "/api/relationships", map("source", beta, "target", acme, "type", "SUPPLIES", "tier", 0), "application/json", 422, "tier"),
                new Case("inferred without a reason", "POST", "/api/relationships", map("source", beta, "target", acme, "type", "SUPPLIES", "inferred", true), "application/json", 422, "reason"),
                new Case("existing relationship", "POST", "/api/relationships", map("source", acme, "target", beta, "type", "SUPPLIES"), "application/json", 409, null),
                new Case("ends cannot change", "PATCH", "/api/relationships/" + supplies, map("target", "renault"), "application/json", 422, "target"),
                new Case("edit ending before start", "PATCH", "/api/relationships/" + supplies, map("end", 2000), "application/json", 422, "end"),
                new Case("malformed relationship id", "PATCH", "/api/relationships/not-an-id", map("year", 2000), "application/json", 400, null),
                new Case("unknown relationship", "DELETE", "/api/relationships/" + acme + ".ACQUIRED." + beta, null, null, 404, null),
                new Case("dismiss a supply link", "POST", "/api/relationships/" + supplies + "/dismiss", map(), "application/json", 409, null),
                new Case("merge into itself", "POST", "/api/entities/" + acme + "/merge", map("other", acme), "application/json", 422, "other"),
                new Case("merge an unknown entity", "POST", "/api/entities/" + acme + "/merge", map("other", p + "ghost"), "application/json", 422, "other"),
                new Case("merge into an unknown entity", "POST", "/api/entities/" + p + "ghost/merge", map("other", acme), "application/json", 404, null),
                new Case("merge breaking a link", "POST", "/api/entities/" + sector + "/merge", map("other", acme), "application/json", 409, null),
                new Case("merge without other", "POST", "/api/entities/" + acme + "/merge", map(), "application/json", 422, "other"));

        long before = snapshot();
        long audit = Graph.count("MATCH (a:__Audit) RETURN count(a)");
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Http.Answer r = admin.send(c.method(), c.path(), c.body(), c.contentType());
            String where = c.what() + " (" + c.method() + " " + c.path() + "): " + r.status() + " " + r.body();
            if (r.status() != c.status()) failures.add("status: " + where);
            else if (!r.contentType().contains("application/problem+json")) failures.add("not problem+json: " + where);
            else if (r.json().get("detail") == null || r.json().get("detail").asString().isBlank()) failures.add("no detail: " + where);
            else if (c.field() != null && !r.json().get("errors").toString().contains("\"field\":\"" + c.field() + "\"")) {
                failures.add("field " + c.field() + " not named: " + where);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(snapshot()).as("graph unchanged").isEqualTo(before);
        assertThat(Graph.count("MATCH (a:__Audit) RETURN count(a)")).as("nothing recorded").isEqualTo(audit);
    }

    @Test
    void a_422_lists_every_wrong_field_at_once() {
        Http.Answer r = admin.post("/api/entities", map("name", " ", "type", "Widget", "country", "Narnia", "extra", 1));
        assertThat(r.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("name", "type", "country", "extra");
        assertThat(r.json().get("title").asString()).isEqualTo("Invalid input");

        // Every wrong quote of a list, not only the first.
        List<Object> quotes = new ArrayList<>();
        quotes.add(1);
        quotes.add("a good quote");
        quotes.add(map("section", "x"));
        quotes.add(null);
        Http.Answer q = admin.post("/api/entities", map("name", "Q " + p, "type", "Company", "quotes", quotes));
        assertThat(q.status()).isEqualTo(422);
        List<String> wrong = new ArrayList<>();
        q.json().get("errors").forEach(e -> wrong.add(e.get("field").asString()));
        assertThat(wrong).containsExactly("quotes[0]", "quotes[2]", "quotes[3]");
    }
}

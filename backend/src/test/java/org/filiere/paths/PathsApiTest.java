package org.filiere.paths;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PathsApiTest extends ApiTest {

    @Test
    void explains_how_jet_alu_maroc_reaches_cevital_through_their_joint_venture() {
        // "Development in Algeria takes the form of a joint venture, JET ALU ALGERIE, with the Algerian group CEVITAL"
        Api.Response r = api.get("/api/graph/paths?from=jet-alu-maroc&to=cevital&k=3");
        assertThat(r.status()).isEqualTo(200);
        var paths = r.json().get("meta").get("paths");
        assertThat(paths.size()).isBetween(1, 3);
        assertThat(paths.get(0).get("explanation").asString())
                .contains("Jet Alu Maroc and Cevital are parties to the joint venture Jet Alu Algérie in 2013")
                .doesNotContain("created");
        paths.get(0).get("steps").forEach(s -> assertThat(s.get("quote").asString()).isNotBlank());
        assertThat(r.ids("nodes")).contains("jet-alu-algerie");
    }

    @Test
    void puts_a_stated_route_before_an_equally_short_inferred_one() {
        // Two routes of two hops between the same firms; the one through an inferred link is written
        // last, and the store lists a node's newest links first, so the search meets it first.
        var db = org.filiere.support.SharedNeo4j.get().defaultDatabaseService();
        db.executeTransactionally("""
                CREATE (a:Entity:Company {id: 'pt-a', name: 'Route A', type: 'Company', dataset: 'paths-test'}),
                       (b:Entity:Company {id: 'pt-b', name: 'Route B', type: 'Company', dataset: 'paths-test'}),
                       (i:Entity:Company {id: 'pt-inferred', name: 'Inferred middle', type: 'Company', dataset: 'paths-test'}),
                       (s:Entity:Company {id: 'pt-stated', name: 'Stated middle', type: 'Company', dataset: 'paths-test'}),
                       (a)-[:PARTNER_OF {id: 'pt-a.PARTNER_OF.pt-stated'}]->(s),
                       (s)-[:PARTNER_OF {id: 'pt-b.PARTNER_OF.pt-stated'}]->(b),
                       (a)-[:PARTNER_OF {id: 'pt-a.PARTNER_OF.pt-inferred', inferred: true, reason: 'test'}]->(i),
                       (i)-[:PARTNER_OF {id: 'pt-b.PARTNER_OF.pt-inferred'}]->(b)
                """);
        try {
            var paths = api.get("/api/graph/paths?from=pt-a&to=pt-b&k=2").json().get("meta").get("paths");
            assertThat(paths.size()).isEqualTo(2);
            assertThat(paths.get(0).get("nodeIds").toString()).contains("pt-stated");
            assertThat(paths.get(1).get("nodeIds").toString()).contains("pt-inferred");
            var one = api.get("/api/graph/paths?from=pt-a&to=pt-b&k=1").json().get("meta").get("paths");
            assertThat(one.get(0).get("nodeIds").toString()).contains("pt-stated");
        } finally {
            db.executeTransactionally("MATCH (n:Entity {dataset: 'paths-test'}) DETACH DELETE n");
        }
    }

    @Test
    void shows_for_each_step_the_quote_naming_its_two_ends_and_the_one_dating_it() {
        // The link's first quote names the joint venture and Cevital; the year is in its second
        // quote, which names neither: both are shown, each for what it says.
        var steps = api.get("/api/graph/paths?from=jet-alu-maroc&to=cevital&k=1").json().get("meta").get("paths").get(0).get("steps");
        var cevitalsPart = java.util.stream.StreamSupport.stream(steps.spliterator(), false)
                .filter(s -> s.get("source").asString().equals("cevital") && s.get("type").asString().equals("PARTY_TO"))
                .findFirst().orElseThrow();
        assertThat(cevitalsPart.get("sentence").asString()).endsWith("in 2013");
        assertThat(cevitalsPart.get("quote").asString())
                .isEqualTo("Development in Algeria takes the form of a joint venture, JET ALU ALGÉRIE, with the Algerian group CEVITAL");
        assertThat(cevitalsPart.get("dateQuote").asString())
                .isEqualTo("JET ALU MAROC embarked on its internationalization in 2013, through external growth operations in France and Algeria");
        assertThat(cevitalsPart.get("dateSection").asString()).isEqualTo("Case study: Jet Alu Maroc");

        // Cevital acquired Fagor-Brandt "in 2014": the quote naming both says "recently acquired", the one dating it "early 2014".
        var acquired = java.util.stream.StreamSupport.stream(
                        api.get("/api/graph/paths?from=cevital&to=fagor-brandt&k=3&types=ACQUIRED").json().get("meta").get("paths").get(0).get("steps").spliterator(), false)
                .findFirst().orElseThrow();
        assertThat(acquired.get("sentence").asString()).isEqualTo("Cevital acquired Fagor-Brandt in 2014");
        assertThat(acquired.get("quote").asString()).contains("CEVITAL").contains("FAGOR-BRANDT");
        assertThat(acquired.get("dateQuote").asString()).contains("finalized in early 2014");

        // Cevital acquired Oxxo Evolution "in 2013": the sentence that dates it is about another
        // event (a factory in Spain); the one that says "bought" is the evidence, the other dates it.
        var oxxo = api.get("/api/graph/paths?from=cevital&to=oxxo-evolution&k=1&types=ACQUIRED").json().get("meta").get("paths").get(0)
                .get("steps").get(0);
        assertThat(oxxo.get("sentence").asString()).isEqualTo("Cevital acquired Oxxo Evolution in 2013");
        assertThat(oxxo.get("quote").asString()).contains("it bought two French industry flagships").contains("OXXO EVOLUTION");
        assertThat(oxxo.get("dateQuote").asString()).startsWith("In 2013, CEVITAL reached a milestone");

        // A quote that names both ends and states the year is shown alone.
        var lesieur = api.get("/api/graph/paths?from=sofiproteol&to=lesieur-cristal&k=1&types=ACQUIRED").json().get("meta").get("paths").get(0)
                .get("steps").get(0);
        assertThat(lesieur.get("quote").asString()).contains("2012").containsIgnoringCase("lesieur cristal");
        assertThat(lesieur.get("dateQuote").isNull()).isTrue();
    }

    @Test
    void returns_paths_in_order_of_length_and_at_most_k() {
        Api.Response r = api.get("/api/graph/paths?from=sofiproteol&to=royal-air-maroc&k=4&maxHops=6");
        var paths = r.json().get("meta").get("paths");
        assertThat(paths.size()).isBetween(1, 4);
        int previous = 0;
        for (var p : paths) {
            assertThat(p.get("hops").asInt()).isGreaterThanOrEqualTo(previous);
            previous = p.get("hops").asInt();
        }
    }

    @Test
    void goes_through_organisations_not_countries_unless_asked() {
        Api.Response r = api.get("/api/graph/paths?from=renault&to=valeo&k=5&maxHops=6");
        assertThat(r.json().get("meta").get("paths")).isNotEmpty();
        for (var p : r.json().get("meta").get("paths")) {
            List<String> ids = new java.util.ArrayList<>();
            p.get("nodeIds").forEach(n -> ids.add(n.asString()));
            for (String mid : ids.subList(1, ids.size() - 1)) {
                assertThat(r.node(mid).get("type").asString()).as(mid).isNotIn("Country", "Region", "Sector");
            }
        }
        // Siemens and IBM share no organisation within six hops, but both are in Egypt's orbit.
        assertThat(api.get("/api/graph/paths?from=siemens&to=ibm").json().get("meta").get("paths")).isEmpty();
        Api.Response viaCountries = api.get("/api/graph/paths?from=siemens&to=ibm&types=Country,Region,Company");
        assertThat(viaCountries.json().get("meta").get("paths")).isNotEmpty();
    }

    @Test
    void answers_an_empty_result_when_no_path_exists_within_the_hops() {
        Api.Response r = api.get("/api/graph/paths?from=dacia&to=hikma&maxHops=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("nodes")).isEmpty();
        assertThat(r.json().get("meta").get("paths")).isEmpty();
    }

    @Test
    void rejects_bad_hops_k_and_types_naming_the_parameter() {
        assertThat(api.get("/api/graph/paths?from=renault&to=hikma&maxHops=9").json().get("parameter").asString()).isEqualTo("maxHops");
        assertThat(api.get("/api/graph/paths?from=renault&to=hikma&k=11").json().get("parameter").asString()).isEqualTo("k");
        assertThat(api.get("/api/graph/paths?from=renault&to=hikma&maxDegree=0").json().get("parameter").asString()).isEqualTo("maxDegree");
        assertThat(api.get("/api/graph/paths?from=renault&to=hikma&maxDegree=10000001").json().get("parameter").asString()).isEqualTo("maxDegree");
        assertThat(api.get("/api/graph/paths?from=renault&to=hikma&types=" + Api.encode("OWNS|x")).json().get("parameter").asString()).isEqualTo("types");
        assertThat(api.get("/api/graph/paths?to=hikma").json().get("parameter").asString()).isEqualTo("from");
        assertThat(api.get("/api/graph/paths?from=renault&to=nobody").status()).isEqualTo(404);
        assertThat(api.get("/api/graph/paths?from=nobody&to=renault").json().get("detail").asString()).contains("nobody");
        Api.Response same = api.get("/api/graph/paths?from=cevital&to=cevital");
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().get("parameter").asString()).isEqualTo("to");
        assertThat(same.json().get("detail").asString()).contains("same entity");
    }
}

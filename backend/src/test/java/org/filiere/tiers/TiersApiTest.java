package org.filiere.tiers;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.SharedNeo4j;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;


import static org.assertj.core.api.Assertions.assertThat;

class TiersApiTest extends ApiTest {

    @Test
    void finds_renault_tangier_tier_two_suppliers_and_their_countries() {
        // "These first-line equipment manufacturers obtain their own intermediate goods from second-line manu- facturers"
        // "Equipment manufac- turers on the next line, from France, Spain, Italy and even Japan, have also followed."
        Api.Response r = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=2");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.node("renault-tanger").get("tier").asInt()).isZero();
        assertThat(r.node("renault-tangier-first-line-oems").get("tier").asInt()).isEqualTo(1);
        assertThat(r.node("renault-tangier-next-line-equipment-manufacturers").get("tier").asInt()).isEqualTo(2);
        var tier2 = r.json().get("meta").get("tiers").get(1);
        assertThat(tier2.get("tier").asInt()).isEqualTo(2);
        assertThat(tier2.get("countries").propertyNames()).contains("France", "Spain", "Italy", "Japan");
        assertThat(r.json().get("edges")).isNotEmpty();
    }

    @Test
    void finds_renaults_suppliers_through_its_tangier_plant() {
        // The suppliers deliver to "the Renault plant in Tangier", a site of Renault: asking for
        // Renault's suppliers starts from the firm and its sites.
        Api.Response r = api.get("/api/graph/tiers/renault?direction=upstream&depth=2");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.node("renault").get("tier").asInt()).isZero();
        assertThat(r.node("renault-tanger").get("tier").asInt()).isZero();
        assertThat(r.node("renault-tanger").get("siteOfFocus").asBoolean()).isTrue();
        assertThat(r.edge("renault-tanger", "SITE_OF", "renault")).isNotNull();
        assertThat(r.node("leoni").get("tier").asInt()).isEqualTo(1);
        assertThat(r.node("renault-tangier-next-line-equipment-manufacturers").get("tier").asInt()).isEqualTo(2);
        assertThat(r.edge("leoni", "SUPPLIES", "renault-tanger")).isNotNull();
        assertThat(r.json().get("meta").get("sites").toString()).contains("renault-tanger", "renault-french-units");
        // The same firms as the plant's own tiers, each counted once.
        Api.Response plant = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=2");
        assertThat(r.json().get("meta").get("tiers").toString()).isEqualTo(plant.json().get("meta").get("tiers").toString());
        // A capped answer counts the network from the firm and its sites too.
        Api.Response capped = api.get("/api/graph/tiers/renault?direction=upstream&depth=2&limit=1");
        assertThat(capped.json().get("truncated").asBoolean()).isTrue();
        assertThat(capped.json().get("total").get("nodes").asInt()).isEqualTo(plant.json().get("total").get("nodes").asInt() + 2);
    }

    @Test
    void an_answer_of_exactly_the_limit_is_not_called_truncated() {
        Api.Response whole = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=1");
        assertThat(whole.json().get("truncated").asBoolean()).isFalse();
        int firms = whole.ids("nodes").size() - 1;
        assertThat(firms).isGreaterThan(1);
        Api.Response exactly = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=1&limit=" + firms);
        assertThat(exactly.json().get("truncated").asBoolean()).isFalse();
        assertThat(exactly.ids("nodes")).containsExactlyInAnyOrderElementsOf(whole.ids("nodes"));
        Api.Response oneShort = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=1&limit=" + (firms - 1));
        assertThat(oneShort.json().get("truncated").asBoolean()).isTrue();
        assertThat(oneShort.ids("nodes")).hasSize(firms);
        assertThat(oneShort.json().get("total").get("nodes").asInt()).isEqualTo(firms + 1);
    }

    @Test
    void names_the_entries_of_a_tier_that_may_be_one_firm() {
        // The report's "Moroccan companies in the automotive industry" and Renault's suppliers
        // eligible for Moussanada may be the same firms: both are tier 1, and the summary says so.
        Api.Response r = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=2");
        var tier1 = r.json().get("meta").get("tiers").get(0);
        assertThat(tier1.get("tier").asInt()).isEqualTo(1);
        assertThat(tier1.get("possiblySame").toString())
                .isEqualTo("[[\"moroccan-automotive-companies\",\"moussanada-eligible-renault-suppliers\"]]");
        assertThat(r.json().get("meta").get("tiers").get(1).get("possiblySame")).isEmpty();
        // The link itself is drawn between the two, with its quote.
        assertThat(r.edge("moroccan-automotive-companies", "POSSIBLY_SAME_AS", "moussanada-eligible-renault-suppliers")).isNotNull();
    }

    @Test
    void hides_an_inferred_possibly_same_pair_with_the_inferred_links() {
        // An import flags names it cannot tell apart as inferred POSSIBLY_SAME_AS links.
        var db = SharedNeo4j.get().defaultDatabaseService();
        db.executeTransactionally("""
                MATCH (a:Entity {id: 'airbus'}), (b:Entity {id: 'embraer'})
                CREATE (a)-[:POSSIBLY_SAME_AS {id: 'airbus.POSSIBLY_SAME_AS.embraer', inferred: true, reason: 'test'}]->(b)
                """);
        try {
            String path = "/api/graph/tiers/safran-moroccan-subsidiaries?direction=downstream&depth=1";
            assertThat(api.get(path).json().get("meta").get("tiers").get(0).get("possiblySame").toString())
                    .isEqualTo("[[\"airbus\",\"embraer\"]]");
            Api.Response stated = api.get(path + "&inferred=false");
            assertThat(stated.ids("nodes")).contains("airbus", "embraer");
            assertThat(stated.json().get("meta").get("tiers").get(0).get("possiblySame")).isEmpty();
            assertThat(stated.ids("edges")).doesNotContain("airbus.POSSIBLY_SAME_AS.embraer");
        } finally {
            db.executeTransactionally("MATCH ()-[r:POSSIBLY_SAME_AS {id: 'airbus.POSSIBLY_SAME_AS.embraer'}]->() DELETE r");
        }
    }

    @Test
    void leaves_out_a_site_opened_after_the_year_asked_for() {
        // "When it opened up a unit in Tangier in 2012, the RENAULT group": in 2010 the plant and
        // the suppliers that deliver to it are not yet Renault's.
        Api.Response in2010 = api.get("/api/graph/tiers/renault?direction=upstream&depth=3&asOf=2010");
        assertThat(in2010.status()).isEqualTo(200);
        assertThat(in2010.json().get("meta").get("sites").toString()).doesNotContain("renault-tanger");
        assertThat(in2010.ids("nodes")).doesNotContain("renault-tanger", "leoni");
        Api.Response in2014 = api.get("/api/graph/tiers/renault?direction=upstream&depth=3&asOf=2014");
        assertThat(in2014.ids("nodes")).contains("renault-tanger", "leoni");
    }

    @Test
    void leaves_out_a_site_known_only_by_inference_when_inferred_links_are_hidden() {
        var inferredSites = SharedNeo4j.get().defaultDatabaseService().executeTransactionally("""
                MATCH (s:Site)-[l:SITE_OF {inferred: true}]->(:Entity {id: 'cevital'}) RETURN collect(s.id) AS ids
                """, java.util.Map.of(), res -> (List<?>) res.next().get("ids"));
        assertThat(inferredSites).isNotEmpty();
        Api.Response all = api.get("/api/graph/tiers/cevital?direction=upstream&depth=2");
        Api.Response stated = api.get("/api/graph/tiers/cevital?direction=upstream&depth=2&inferred=false");
        assertThat(all.json().get("meta").get("sites").toString()).contains((String) inferredSites.get(0));
        assertThat(stated.json().get("meta").get("sites").toString()).doesNotContain((String) inferredSites.get(0));
        assertThat(stated.ids("nodes")).doesNotContainAnyElementsOf(inferredSites.stream().map(String.class::cast).toList());
    }

    @Test
    void counts_a_firm_once_when_two_datasets_hold_its_home_country() {
        // Other datasets (an analyst's import, the synthetic graph) bring their own Country nodes for
        // France, under the same name, another one or none, and a French supplier of Renault Tangier with no stated origin: its home country names it.
        SharedNeo4j.get().defaultDatabaseService().executeTransactionally("""
                MATCH (fr:Country {iso2: 'FR'}), (renault:Entity {id: 'renault-tanger'})
                CREATE (:Entity:Country {id: 'second-dataset-france', name: fr.name, iso2: 'FR', type: 'Country', dataset: 'second-dataset'})
                CREATE (:Entity:Country {id: 'second-dataset-france-2', name: 'République française', iso2: 'FR', type: 'Country', dataset: 'second-dataset'})
                CREATE (:Entity:Country {id: 'second-dataset-france-3', iso2: 'FR', type: 'Country', dataset: 'second-dataset'})
                CREATE (renault)<-[:SUPPLIES {id: 'second-dataset-supplies', dataset: 'second-dataset'}]-
                       (:Entity:Company {id: 'second-dataset-supplier', name: 'Fournisseur', type: 'Company', country: 'FR', dataset: 'second-dataset'})
                """);
        try {
            Api.Response r = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=1");
            assertThat(r.node("second-dataset-supplier").get("countries").values().stream().map(JsonNode::asString))
                    .as("the supplier's countries").hasSize(1).first().isIn("France", "République française");
            var tier1 = r.json().get("meta").get("tiers").get(0);
            assertThat(tier1.get("countries").get("France").asInt()).as("French firms in tier 1")
                    .isEqualTo(r.json().get("nodes").valueStream()
                            .filter(n -> n.get("data").path("countries").valueStream().anyMatch(c -> c.asString().equals("France")))
                            .count());
        } finally {
            Graph.deleteDataset("second-dataset");
        }
    }

    @Test
    void keeps_the_focal_firm_at_tier_zero_when_its_supply_chain_loops_back_to_it() {
        // A supplier that also buys from Renault Tangier: the focal firm is two supply steps from itself.
        SharedNeo4j.get().defaultDatabaseService().executeTransactionally("""
                MATCH (renault:Entity {id: 'renault-tanger'})
                CREATE (renault)-[:SUPPLIES {id: 'loop-out', dataset: 'loop-dataset'}]->
                       (:Entity:Company {id: 'loop-supplier', name: 'Loop', type: 'Company', dataset: 'loop-dataset'})
                       -[:SUPPLIES {id: 'loop-in', dataset: 'loop-dataset'}]->(renault)
                """);
        try {
            for (String limit : List.of("2000", "1")) {
                Api.Response r = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=3&limit=" + limit);
                assertThat(r.ids("nodes")).as("limit " + limit).doesNotHaveDuplicates();
                assertThat(r.ids("edges")).as("limit " + limit).doesNotHaveDuplicates();
                assertThat(r.node("renault-tanger").get("tier").asInt()).as("limit " + limit).isZero();
                assertThat(r.node("renault-tanger").get("focal").asBoolean()).as("limit " + limit).isTrue();
            }
            Api.Response all = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=3");
            Api.Response capped = api.get("/api/graph/tiers/renault-tanger?direction=upstream&depth=3&limit=1");
            assertThat(capped.json().get("total").get("nodes").asLong()).as("the count past the cap")
                    .isEqualTo(all.json().get("nodes").size());
            var tiers = all.json().get("meta").get("tiers");
            int summarised = 0;
            for (var t : tiers) summarised += t.get("count").asInt();
            assertThat(summarised).as("firms in the tier summary").isEqualTo(all.json().get("nodes").size() - 1);
        } finally {
            Graph.deleteDataset("loop-dataset");
        }
    }

    @Test
    void stops_at_the_requested_depth() {
        Api.Response r = api.get("/api/graph/tiers/renault-tanger?depth=1");
        assertThat(r.ids("nodes")).contains("renault-tangier-first-line-oems")
                .doesNotContain("renault-tangier-next-line-equipment-manufacturers");
        r.json().get("nodes").forEach(n -> assertThat(n.get("data").get("tier").asInt()).isLessThanOrEqualTo(1));
    }

    @Test
    void computes_tiers_downstream_from_a_supplier() {
        Api.Response r = api.get("/api/graph/tiers/renault-tangier-next-line-equipment-manufacturers?direction=downstream&depth=3");
        assertThat(r.node("renault-tangier-first-line-oems").get("tier").asInt()).isEqualTo(1);
        assertThat(r.node("renault-tanger").get("tier").asInt()).isEqualTo(2);
    }

    @Test
    void counts_the_firms_the_report_calls_customers_as_tier_one_downstream() {
        // "The leading aircraft integrators, such as Boeing, Airbus, Bombardier and Dassault Aviation,
        // feature among its biggest customers": the report words these as customers of Safran.
        Api.Response r = api.get("/api/graph/tiers/safran?direction=downstream&depth=1");
        assertThat(r.status()).isEqualTo(200);
        for (String customer : List.of("boeing", "airbus", "bombardier", "dassault-aviation", "embraer")) {
            assertThat(r.node(customer).get("tier").asInt()).as(customer).isEqualTo(1);
        }
        // ... and upstream of a customer, Safran is the supplier, with the quote that says so.
        Api.Response up = api.get("/api/graph/tiers/boeing?direction=upstream&depth=1");
        assertThat(up.node("safran").get("tier").asInt()).isEqualTo(1);
        assertThat(up.json().get("edges").toString()).contains("feature among its biggest customers");
    }

    @Test
    void caps_the_answer_and_says_so() {
        Api.Response r = api.get("/api/graph/tiers/renault-tanger?depth=3&limit=1");
        assertThat(r.json().get("truncated").asBoolean()).isTrue();
        assertThat(r.json().get("nodes").size()).isEqualTo(2);
        assertThat(r.json().get("total").get("nodes").asLong()).isGreaterThan(2);
        assertThat(r.json().get("total").has("atLeast")).as("an exact count").isFalse();
    }

    @Test
    void rejects_bad_direction_and_depth() {
        assertThat(api.get("/api/graph/tiers/renault?direction=sideways").json().get("parameter").asString()).isEqualTo("direction");
        assertThat(api.get("/api/graph/tiers/renault?depth=7").json().get("parameter").asString()).isEqualTo("depth");
        assertThat(api.get("/api/graph/tiers/renault?depth=1000000000").status()).isEqualTo(400);
    }
}

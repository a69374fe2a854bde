package org.filiere.neighbourhood;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NeighbourhoodApiTest extends ApiTest {

    @Test
    void shows_the_firms_around_renault_tanger_with_provenance_on_each_edge() {
        Api.Response r = api.get("/api/graph/neighbourhood/renault-tanger");
        assertThat(r.status()).isEqualTo(200);
        // "The production site is located in the Tangier Free Zone"
        assertThat(r.ids("nodes")).contains("renault-tanger", "renault-tangier-first-line-oems", "tangier-free-zone");
        r.json().get("edges").forEach(e -> {
            assertThat(e.get("data").get("quote").asString()).isNotBlank();
            assertThat(e.get("data").has("inferred")).isTrue();
        });
        assertThat(r.json().get("truncated").asBoolean()).isFalse();
    }

    @Test
    void hides_inferred_edges_on_request() {
        // Valeo's supply to the Tangier plant is inferred ("Groups already present in Morocco, like VALEO…").
        Api.Response all = api.get("/api/graph/neighbourhood/renault-tanger");
        assertThat(all.edge("valeo", "SUPPLIES", "renault-tanger").get("inferred").asBoolean()).isTrue();
        Api.Response stated = api.get("/api/graph/neighbourhood/renault-tanger?inferred=false");
        stated.json().get("edges").forEach(e -> assertThat(e.get("data").get("inferred").asBoolean()).isFalse());
        assertThat(stated.ids("nodes")).doesNotContain("valeo");
    }

    @Test
    void caps_a_hub_and_says_how_many_neighbours_were_left_out() {
        Api.Response capped = api.get("/api/graph/neighbourhood/morocco?limit=5");
        assertThat(capped.json().get("truncated").asBoolean()).isTrue();
        assertThat(capped.json().get("nodes").size()).isEqualTo(6);
        long hidden = capped.node("morocco").get("hiddenNeighbours").asLong();
        assertThat(hidden).isPositive();
        assertThat(capped.json().get("total").get("edges").asLong()).isEqualTo(5 + hidden);

        Api.Response nextPage = api.get("/api/graph/neighbourhood/morocco?limit=5&offset=5");
        Set<String> first = new HashSet<>(capped.ids("edges"));
        assertThat(nextPage.ids("edges")).hasSize(5).noneMatch(first::contains);
        // Every page of the same neighbourhood estimates the same whole.
        assertThat(nextPage.json().get("total")).isEqualTo(capped.json().get("total"));
        assertThat(nextPage.json().get("truncated").asBoolean()).isTrue();
    }

    @Test
    void follows_only_the_requested_relationship_types() {
        Api.Response r = api.get("/api/graph/neighbourhood/cevital?types=ACQUIRED");
        assertThat(r.json().get("edges")).allSatisfy(e -> assertThat(e.get("data").get("type").asString()).isEqualTo("ACQUIRED"));
        // "CEVITAL, Algeria's leading private company, recently acquired … the group FAGOR-BRANDT."
        assertThat(r.ids("nodes")).contains("fagor-brandt");
    }

    @Test
    void keeps_only_relationships_in_force_in_the_asof_year() {
        // Cevital bought Fagor-Brandt in 2014: not yet in 2010.
        assertThat(api.get("/api/graph/neighbourhood/cevital?types=ACQUIRED&asOf=2010").ids("nodes")).doesNotContain("fagor-brandt");
        assertThat(api.get("/api/graph/neighbourhood/cevital?types=ACQUIRED&asOf=2015").ids("nodes")).contains("fagor-brandt");
    }

    @Test
    void reaches_two_hops_at_depth_two() {
        // Jet Alu Maroc — joint venture Jet Alu Algérie — Cevital
        assertThat(api.get("/api/graph/neighbourhood/jet-alu-maroc?depth=1&types=PARTY_TO").ids("nodes")).doesNotContain("cevital");
        assertThat(api.get("/api/graph/neighbourhood/jet-alu-maroc?depth=2&types=PARTY_TO").ids("nodes")).contains("cevital");
    }

    @Test
    void draws_each_link_from_its_stored_source_to_its_target_whichever_end_was_expanded() {
        for (String path : List.of("/api/graph/neighbourhood/jet-alu-maroc?depth=2&types=PARTY_TO",
                "/api/graph/neighbourhood/renault-tanger?depth=2", "/api/graph/neighbourhood/valeo")) {
            Api.Response r = api.get(path);
            assertThat(r.json().get("edges").size()).as(path).isGreaterThan(1);
            r.json().get("edges").forEach(e -> {
                var d = e.get("data");
                assertThat(Graph.count("MATCH (a:Entity {id: $s})-[r]->(b:Entity {id: $t}) WHERE type(r) = $type AND r.id = $id RETURN count(r)",
                        Map.of("s", d.get("source").asString(), "t", d.get("target").asString(), "type", d.get("type").asString(),
                                "id", d.get("id").asString())))
                        .as("%s: %s", path, d).isPositive();
            });
        }
    }

    @Test
    void answers_404_naming_an_entity_that_does_not_exist_and_the_entity_alone_past_its_last_link() {
        Api.Response missing = api.get("/api/graph/neighbourhood/nobody-by-that-id");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).contains("nobody-by-that-id");

        // A page beyond the last relationship still shows the entity itself.
        Api.Response past = api.get("/api/graph/neighbourhood/cevital?types=ACQUIRED&offset=1000");
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.ids("nodes")).containsExactly("cevital");
        assertThat(past.json().get("edges")).isEmpty();
    }

    @Test
    void rejects_out_of_range_parameters_naming_them() {
        for (String[] c : new String[][] {{"depth=0", "depth"}, {"depth=4", "depth"}, {"limit=0", "limit"}, {"limit=100000", "limit"},
                {"offset=-1", "offset"}, {"types=SUPPLIES,DROP", "types"}, {"asOf=99999", "asOf"}, {"depth=NaN", "depth"}}) {
            Api.Response r = api.get("/api/graph/neighbourhood/renault?" + c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("parameter").asString()).as(c[0]).isEqualTo(c[1]);
            assertThat(r.json().get("detail").asString()).contains(c[1]);
        }
        assertThat(api.get("/api/graph/neighbourhood/not-there").status()).isEqualTo(404);
    }
}

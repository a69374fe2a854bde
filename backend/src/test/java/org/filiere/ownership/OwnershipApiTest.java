package org.filiere.ownership;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnershipApiTest extends ApiTest {

    @Test
    void leads_from_lesieur_cristal_up_to_sofiproteol() {
        // "In 2012, it established a foothold in Morocco when it bought LESIEUR CRISTAL"
        Api.Response r = api.get("/api/graph/ownership/lesieur-cristal");
        assertThat(r.json().get("meta").get("ultimateParents").toString()).contains("sofiproteol");
        assertThat(r.node("sofiproteol").get("level").asInt()).isEqualTo(1);
        assertThat(r.edge("sofiproteol", "ACQUIRED", "lesieur-cristal").get("year").asInt()).isEqualTo(2012);
    }

    @Test
    void shows_the_jet_alu_group_tree_with_its_2013_acquisitions_and_parent() {
        // "the Moroccan group JET ALU MAROC, main subsidiary of AR CORPORATION"; four French companies bought in 2013
        Api.Response r = api.get("/api/graph/ownership/jet-alu-maroc");
        assertThat(r.json().get("meta").get("ultimateParents").toString()).contains("ar-corporation");
        assertThat(r.ids("nodes")).contains("jet-alu-sas", "silver-constructions", "micjet", "sotrajet", "jet-alu-algerie");
        assertThat(r.node("micjet").get("level").asInt()).isNegative();
        assertThat(r.edge("jet-alu-maroc", "ACQUIRED", "micjet").get("controller").asString()).isEqualTo("jet-alu-maroc");
    }

    @Test
    void gives_the_share_of_a_stake() {
        Api.Response r = api.get("/api/graph/ownership/aerotechnic-industries");
        var stake = r.edge("air-france", "OWNS_STAKE_IN", "aerotechnic-industries");
        assertThat(stake.get("controlled").asString()).isEqualTo("aerotechnic-industries");
        assertThat(r.ids("nodes")).contains("royal-air-maroc", "air-france");
    }

    @Test
    void a_stake_of_unknown_size_makes_a_shareholder_not_a_parent() {
        // "its subsidiary AEROTECHNIC INDUSTRIES … counted AIR FRANCE among its shareholders": RAM's subsidiary.
        Api.Response r = api.get("/api/graph/ownership/aerotechnic-industries");
        assertThat(r.json().get("meta").get("ultimateParents").toString()).isEqualTo("[\"royal-air-maroc\"]");
        assertThat(r.json().get("meta").get("ultimateParentsInferred")).as("a stated subsidiary").isEmpty();
        // Snecma Morocco Engine Services is RAM's subsidiary only by inference (no shares are given).
        assertThat(api.get("/api/graph/ownership/snecma-morocco-engine-services").json().get("meta").get("ultimateParentsInferred").toString())
                .isEqualTo("[\"royal-air-maroc\"]");
        assertThat(r.edge("air-france", "OWNS_STAKE_IN", "aerotechnic-industries").get("controls").asBoolean()).isFalse();
        assertThat(r.edge("aerotechnic-industries", "SUBSIDIARY_OF", "royal-air-maroc").get("controls").asBoolean()).isTrue();
        // "when it acquired a stake in CRISTAL TUNISIE": Sofiprotéol is drawn above it, but not as its parent.
        Api.Response tunisie = api.get("/api/graph/ownership/cristal-tunisie");
        assertThat(tunisie.ids("nodes")).contains("sofiproteol");
        assertThat(tunisie.json().get("meta").get("ultimateParents")).isEmpty();
    }

    @Test
    void the_parties_to_a_joint_venture_are_partners_not_its_parents() {
        // "a joint venture, JET ALU ALGÉRIE, with the Algerian group CEVITAL": who controls it is not said.
        Api.Response r = api.get("/api/graph/ownership/jet-alu-algerie");
        assertThat(r.ids("nodes")).contains("cevital", "jet-alu-maroc");
        assertThat(r.edge("cevital", "PARTY_TO", "jet-alu-algerie").get("controls").asBoolean()).isFalse();
        assertThat(r.edge("jet-alu-maroc", "PARTY_TO", "jet-alu-algerie").get("controls").asBoolean()).isFalse();
        // Jet Alu Maroc's "subsidiary aimed at the local market in Algeria" is inferred to be the joint
        // venture: through that link only, AR Corporation tops the chain; Cevital never does.
        assertThat(r.json().get("meta").get("ultimateParents").toString()).isEqualTo("[\"ar-corporation\"]");
        assertThat(r.json().get("meta").get("ultimateParentsInferred").toString()).isEqualTo("[\"ar-corporation\"]");
        assertThat(api.get("/api/graph/ownership/jet-alu-algerie?inferred=false").json().get("meta").get("ultimateParents")).isEmpty();
    }

    @Test
    void forgets_acquisitions_that_had_not_happened_in_the_asof_year() {
        // The four French companies were bought in 2013 and the Algerian joint venture set up in 2013.
        Api.Response before = api.get("/api/graph/ownership/jet-alu-maroc?asOf=2000");
        assertThat(before.ids("edges")).doesNotContain("jet-alu-maroc.ACQUIRED.micjet", "jet-alu-maroc.PARTY_TO.jet-alu-algerie");
        Api.Response after = api.get("/api/graph/ownership/jet-alu-maroc?asOf=2014");
        assertThat(after.ids("edges")).contains("jet-alu-maroc.ACQUIRED.micjet", "jet-alu-maroc.PARTY_TO.jet-alu-algerie");
        // Their SUBSIDIARY_OF links start in 2013 too: in 2000 the group tree holds none of them.
        assertThat(before.ids("nodes")).doesNotContain("micjet", "sotrajet", "silver-constructions", "jet-alu-sas");
        assertThat(after.ids("edges")).contains("micjet.SUBSIDIARY_OF.jet-alu-maroc");
    }

    @Test
    void has_no_parent_before_the_year_it_was_bought() {
        // "In 2012, it established a foothold in Morocco when it bought LESIEUR CRISTAL"
        assertThat(api.get("/api/graph/ownership/lesieur-cristal?asOf=2010").json().get("meta").get("ultimateParents")).isEmpty();
        assertThat(api.get("/api/graph/ownership/lesieur-cristal?asOf=2013").json().get("meta").get("ultimateParents").toString())
                .contains("sofiproteol");
    }

    @Test
    void answers_404_naming_an_entity_that_does_not_exist() {
        Api.Response missing = api.get("/api/graph/ownership/nobody-by-that-id");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).contains("nobody-by-that-id");
    }
}

package org.filiere.dataset;

import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IPEMED graph as loaded: its size, and facts a reader of the report can check by hand,
 * from each of the nine case studies, the boxes and the annex (the quote is cited above each).
 */
@SuppressWarnings("unchecked")
class IpemedDatasetTest extends HarnessTest {

    @Autowired Neo4jClient client;
    @Autowired IpemedDataset dataset;

    @Test
    void holds_exactly_the_expected_nodes_per_label() {
        assertThat(countBy("MATCH (n:Entity {dataset: 'ipemed'}) RETURN n.type AS k, count(*) AS c")).isEqualTo(Map.ofEntries(
                Map.entry("Brand", 6L), Map.entry("Cluster", 3L), Map.entry("Company", 142L), Map.entry("Country", 26L),
                Map.entry("Institution", 29L), Map.entry("JointVenture", 4L), Map.entry("Person", 1L),
                Map.entry("Programme", 17L), Map.entry("Region", 17L), Map.entry("Sector", 44L), Map.entry("Site", 19L)));
        // The type property and the type label always agree.
        assertThat(client.query("MATCH (n:Entity) WHERE NOT n.type IN labels(n) RETURN count(n)").fetchAs(Long.class).one()).contains(0L);
    }

    @Test
    void holds_exactly_the_expected_relationships_per_type() {
        assertThat(countBy("MATCH ()-[r {dataset: 'ipemed'}]->() RETURN type(r) AS k, count(*) AS c")).isEqualTo(Map.ofEntries(
                Map.entry("ACQUIRED", 11L), Map.entry("BRAND_OF", 6L), Map.entry("CREATED_BY", 19L),
                Map.entry("FUNDED_BY", 1L), Map.entry("INSTALLED_IN", 125L), Map.entry("IN_SECTOR", 178L),
                Map.entry("LOCATED_IN", 84L), Map.entry("MEMBER_OF", 104L), Map.entry("OPERATES_IN", 78L),
                Map.entry("ORIGINATES_FROM", 118L), Map.entry("OWNS_STAKE_IN", 2L), Map.entry("PARTNER_OF", 31L),
                Map.entry("PARTY_TO", 8L), Map.entry("POSSIBLY_SAME_AS", 8L), Map.entry("SITE_OF", 16L),
                Map.entry("SUBSIDIARY_OF", 26L),
                // 14 supply links and 8 customer links, stored as the supply links they state (RelType.stored).
                Map.entry("SUPPLIES", 22L), Map.entry("SUPPORTED_BY", 21L),
                Map.entry("TRAINS_FOR", 11L)));
    }

    @Test
    void loading_the_same_files_again_creates_nothing_and_a_reload_rebuilds_the_same_graph() {
        long nodes = count("MATCH (n:Entity) RETURN count(n)");
        long rels = count("MATCH ()-[r]->() RETURN count(r)");
        assertThat(dataset.loader().load(IpemedDataset.SOURCE, false).loaded()).isFalse();
        var reloaded = dataset.reload();
        assertThat(reloaded.loaded()).isTrue();
        assertThat(count("MATCH (n:Entity) RETURN count(n)")).isEqualTo(nodes);
        assertThat(count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(rels);
        assertThat(count("MATCH (d:__Dataset {name: 'ipemed'}) RETURN count(d)")).isEqualTo(1);
    }

    // --- Renault ---------------------------------------------------------------------------

    @Test
    void renault_opened_its_tangier_plant_in_2012_and_sells_dacia_models() {
        // "When it opened up a unit in Tangier in 2012, the RENAULT group became the first car manufacturer…"
        assertThat(rel("renault-tanger", "SITE_OF", "renault")).containsEntry("year", 2012L);
        // "The factory manufactures several low-cost models of the group's DACIA marque."
        assertThat(rel("dacia", "BRAND_OF", "renault")).isNotEmpty();
        // "The production site is located in the Tangier Free Zone"
        assertThat(targets("renault-tanger", "LOCATED_IN")).contains("tangier-free-zone");
    }

    @Test
    void renault_tangier_is_supplied_by_first_line_oems_who_buy_from_the_next_line() {
        assertThat(rel("renault-tangier-first-line-oems", "SUPPLIES", "renault-tanger")).containsEntry("tier", 1L);
        assertThat(rel("renault-tangier-next-line-equipment-manufacturers", "SUPPLIES", "renault-tangier-first-line-oems"))
                .containsEntry("tier", 2L);
        // "Equipment manufac- turers on the next line, from France, Spain, Italy and even Japan, have also followed."
        assertThat(targets("renault-tangier-next-line-equipment-manufacturers", "ORIGINATES_FROM"))
                .contains("france", "spain", "italy", "japan");
    }

    // --- Cevital ---------------------------------------------------------------------------

    @Test
    void cevital_bought_fagor_brandt_in_2014_and_oxxo_in_2013() {
        assertThat(rel("cevital", "ACQUIRED", "fagor-brandt")).containsEntry("year", 2014L);
        assertThat(rel("cevital", "ACQUIRED", "oxxo-evolution")).containsEntry("year", 2013L);
        assertThat(sources("fagor-brandt", "BRAND_OF")).contains("brandt", "de-dietrich", "sauter", "vedette", "fagor");
    }

    // --- Siemens ---------------------------------------------------------------------------

    @Test
    void siemens_runs_three_maghreb_subsidiaries_trained_by_sitrain() {
        assertThat(sources("siemens", "SUBSIDIARY_OF")).contains("siemens-tunisia", "siemens-algeria", "siemens-morocco");
        assertThat(targets("sitrain", "TRAINS_FOR")).contains("siemens-tunisia", "siemens-algeria", "siemens-morocco");
    }

    // --- Hikma -----------------------------------------------------------------------------

    @Test
    void hikma_acquired_west_ward_in_1991() {
        assertThat(rel("hikma", "ACQUIRED", "west-ward")).containsEntry("year", 1991L);
        assertThat(node("hikma")).containsEntry("country", "JO");
    }

    // --- Safran ----------------------------------------------------------------------------

    @Test
    void safran_and_its_morpho_telnet_joint_ventures_and_customers() {
        assertThat(rel("labinal-power-systems", "SUBSIDIARY_OF", "safran")).isNotEmpty();
        assertThat(rel("morpho", "PARTY_TO", "morpho-telnet-joint-ventures")).containsEntry("year", 2009L);
        assertThat(rel("telnet", "PARTY_TO", "morpho-telnet-joint-ventures")).containsEntry("year", 2009L);
        // "The leading aircraft integrators, such as Boeing, Airbus, Bombardier and Dassault Aviation,
        // feature among its biggest customers": given as customer links, stored as Safran's supply links.
        assertThat(targets("safran", "SUPPLIES")).contains("boeing", "airbus", "bombardier", "embraer", "dassault-aviation");
        assertThat(rel("safran", "SUPPLIES", "boeing").get("quotes").toString()).contains("feature among its biggest customers");
    }

    // --- Jet Alu Maroc ---------------------------------------------------------------------

    @Test
    void jet_alu_maroc_belongs_to_ar_corporation_and_bought_four_french_companies_in_2013() {
        assertThat(rel("jet-alu-maroc", "SUBSIDIARY_OF", "ar-corporation")).isNotEmpty();
        for (String french : List.of("jet-alu-sas", "silver-constructions", "micjet", "sotrajet")) {
            assertThat(rel("jet-alu-maroc", "ACQUIRED", french)).as(french).containsEntry("year", 2013L);
        }
        // "a joint venture, JET ALU ALGERIE, with the Algerian group CEVITAL"
        assertThat(sources("jet-alu-algerie", "PARTY_TO")).containsExactlyInAnyOrder("jet-alu-maroc", "cevital");
    }

    // --- Sifaris ---------------------------------------------------------------------------

    @Test
    void sifaris_partners_with_the_tunisian_internet_agency_within_the_digital_alliance() {
        assertThat(rel("ati", "PARTNER_OF", "sifaris")).containsEntry("year", 2013L);
        assertThat(targets("sifaris", "MEMBER_OF")).contains("franco-tunisian-digital-alliance");
    }

    // --- Royal Air Maroc -------------------------------------------------------------------

    @Test
    void royal_air_maroc_and_each_french_partner_with_its_year() {
        assertThat(rel("labinal", "PARTNER_OF", "royal-air-maroc")).containsEntry("year", 1999L);
        assertThat(rel("air-france", "PARTNER_OF", "royal-air-maroc")).containsEntry("year", 2009L);
        assertThat(rel("royal-air-maroc", "PARTNER_OF", "servair")).containsEntry("year", 2013L);
        assertThat(rel("royal-air-maroc", "PARTNER_OF", "stts-group")).containsEntry("year", 2014L);
        assertThat(rel("air-france", "OWNS_STAKE_IN", "aerotechnic-industries")).containsEntry("year", 2009L);
        assertThat(sources("royal-air-maroc", "SUBSIDIARY_OF")).contains("aerotechnic-industries", "atlas-catering");
    }

    // --- Sofiprotéol -----------------------------------------------------------------------

    @Test
    void sofiproteol_bought_lesieur_cristal_and_holds_cristal_tunisie() {
        assertThat(rel("sofiproteol", "ACQUIRED", "lesieur-cristal")).containsEntry("year", 2012L);
        assertThat(rel("sofiproteol", "OWNS_STAKE_IN", "cristal-tunisie")).containsEntry("year", 2007L);
        assertThat(rel("glon-sanders", "SUBSIDIARY_OF", "sofiproteol")).isNotEmpty();
        assertThat(rel("agropol", "SUBSIDIARY_OF", "french-oilseed-professional-organization")).isNotEmpty();
        // Glon Sanders (the case study) and Sanders (the annex) may or may not be one firm.
        assertThat(rel("glon-sanders", "POSSIBLY_SAME_AS", "sanders")).isNotEmpty();
    }

    // --- Boxes -----------------------------------------------------------------------------

    @Test
    void smart_village_cairo_hosts_ibm_valeo_vodafone_and_orange() {
        assertThat(node("smart-village-cairo")).containsEntry("type", "Cluster");
        assertThat(sources("smart-village-cairo", "MEMBER_OF")).contains("ibm", "valeo", "vodafone", "orange-business-services");
        assertThat(rel("moussanada-programme", "CREATED_BY", "anpme")).isNotEmpty();
    }

    // --- Annex -----------------------------------------------------------------------------

    @Test
    void keeps_every_annex_row_and_which_table_it_came_from() {
        assertThat(count("MATCH (n:Entity) WHERE n.annexRows IS NOT NULL UNWIND n.annexRows AS row RETURN count(row)")).isEqualTo(95);
        // "Valeo france auTomoTIVe morocco, TunISIa, egypT" (companies in the North)
        assertThat(node("valeo").get("annexTables")).isEqualTo(List.of("north"));
        assertThat(targets("valeo", "INSTALLED_IN")).contains("morocco", "tunisia", "egypt");
        // "cofIcab TunISIa auTomoTIVe porTugal, romanIa, germany" (companies in the South)
        assertThat(targets("coficab", "INSTALLED_IN")).contains("portugal", "romania", "germany");
        assertThat(node("coficab").get("annexTables")).isEqualTo(List.of("south"));
    }

    @Test
    void merges_repeated_annex_rows_into_one_firm_that_keeps_every_row() {
        // Nexans Autoelectric is printed twice (Tunisia, then Morocco); Cevital twice (France, then Spain).
        assertThat((List<String>) node("nexans-autoelectric").get("annexRows")).hasSize(2);
        assertThat(targets("nexans-autoelectric", "INSTALLED_IN")).contains("tunisia", "morocco");
        assertThat(targets("cevital", "INSTALLED_IN")).contains("france", "spain");
        // Orascom Telecom Holding appears in both tables.
        assertThat(node("orascom-telecom-holding").get("annexTables")).isEqualTo(List.of("north", "south"));
    }

    @Test
    void stores_clean_names_and_keeps_the_printed_spelling_as_an_alias() {
        assertThat(node("bombardier")).containsEntry("name", "Bombardier");
        assertThat((List<String>) node("bombardier").get("aliases")).contains("bonmbardIer");
        assertThat((List<String>) node("nexans-autoelectric").get("aliases")).contains("nexanS auoToelecTrIc");
    }

    @Test
    void classes_each_annex_firm_by_the_side_of_its_home_country() {
        assertThat(node("valeo")).containsEntry("side", "north").containsEntry("country", "FR");
        // A group from "France, Spain, Italy and even Japan" has no one country, but all four are North.
        assertThat(node("renault-tangier-next-line-equipment-manufacturers")).doesNotContainKey("country").containsEntry("side", "north");
        // Located in several countries: no one country, and a side only if they all share it.
        assertThat(node("hikma-south-mediterranean-rd-laboratories")).doesNotContainKey("country").containsEntry("side", "south");
        assertThat(node("brandt-european-sites")).doesNotContainKey("country").containsEntry("side", "north");
        assertThat(node("hikma-south-subsidiaries")).doesNotContainKey("country").doesNotContainKey("side");
        assertThat(node("bombardier")).containsEntry("side", "north");
        assertThat(node("cevital")).containsEntry("side", "south");
        assertThat(node("matelec")).containsEntry("side", "south");
        assertThat(node("morocco")).containsEntry("classification", "south");
        assertThat(node("canada")).containsEntry("iso2", "CA");
        // A firm from the South table installed in the North: Cevital, Algeria → France.
        assertThat(node("algeria")).containsEntry("classification", "south");
        assertThat(node("france")).containsEntry("classification", "north");
    }

    private Map<String, Long> countBy(String query) {
        Map<String, Long> out = new TreeMap<>();
        client.query(query).fetch().all().forEach(r -> out.put((String) r.get("k"), (Long) r.get("c")));
        return out;
    }

    private long count(String query) {
        return client.query(query).fetchAs(Long.class).one().orElseThrow();
    }

    private Map<String, Object> node(String id) {
        return client.query("MATCH (n:Entity {id: $id}) RETURN properties(n) AS p").bind(id).to("id")
                .fetchAs(Map.class).mappedBy((t, r) -> r.get("p").asMap()).one()
                .map(m -> (Map<String, Object>) m).orElseThrow(() -> new AssertionError("no node " + id));
    }

    private Map<String, Object> rel(String source, String type, String target) {
        return client.query("MATCH (a:Entity {id: $s})-[r]->(b:Entity {id: $t}) WHERE type(r) = $type RETURN properties(r) AS p")
                .bindAll(Map.of("s", source, "t", target, "type", type))
                .fetchAs(Map.class).mappedBy((t, r) -> r.get("p").asMap()).one()
                .map(m -> (Map<String, Object>) m).orElseThrow(() -> new AssertionError("no " + source + " " + type + " " + target));
    }

    private List<String> targets(String id, String type) {
        return client.query("MATCH (a:Entity {id: $id})-[r]->(b) WHERE type(r) = $type RETURN b.id").bindAll(Map.of("id", id, "type", type))
                .fetchAs(String.class).all().stream().toList();
    }

    private List<String> sources(String id, String type) {
        return client.query("MATCH (a)-[r]->(b:Entity {id: $id}) WHERE type(r) = $type RETURN a.id").bindAll(Map.of("id", id, "type", type))
                .fetchAs(String.class).all().stream().toList();
    }
}

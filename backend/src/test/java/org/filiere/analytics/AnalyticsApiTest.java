package org.filiere.analytics;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsApiTest extends ApiTest {

    @Test
    void breaks_renault_tangier_suppliers_down_by_tier_and_country() {
        Api.Response r = api.get("/api/analytics/exposure/renault-tanger?depth=2");
        assertThat(r.status()).isEqualTo(200);
        List<String> tier2 = new ArrayList<>();
        r.json().get("byCountry").forEach(c -> {
            if (c.get("tier").asInt() == 2) tier2.add(c.get("key").asString());
        });
        assertThat(tier2).contains("France", "Spain", "Italy", "Japan");
        assertThat(r.json().get("sideShare").size()).isPositive();
        assertThat(r.json().get("bySector")).isNotEmpty();
    }

    @Test
    void counts_the_same_firms_per_tier_as_the_tier_view_it_summarises() {
        // Exposure reads only the firms; the tier view also reads their links: the counts must agree.
        // inferred=false: both leave out the links the report only implies (Coficab's, Valeo's…).
        for (String query : List.of("renault-tanger?depth=2", "renault-tanger?depth=3", "renault-tanger?depth=3&inferred=false",
                "renault-tangier-next-line-equipment-manufacturers?direction=downstream&depth=3")) {
            var tiers = api.get("/api/graph/tiers/" + query).json().get("meta").get("tiers");
            var exposure = api.get("/api/analytics/exposure/" + query).json();
            for (String[] breakdown : new String[][] {{"countries", "byCountry"}, {"sectors", "bySector"}, {"sides", "bySide"}}) {
                Map<String, Integer> fromTiers = new TreeMap<>();
                tiers.forEach(t -> t.get(breakdown[0]).properties()
                        .forEach(e -> fromTiers.put(t.get("tier").asInt() + " " + e.getKey(), e.getValue().asInt())));
                Map<String, Integer> fromExposure = new TreeMap<>();
                exposure.get(breakdown[1]).forEach(c -> fromExposure.put(c.get("tier").asInt() + " " + c.get("key").asString(), c.get("count").asInt()));
                assertThat(fromExposure).as("%s %s", query, breakdown[1]).isNotEmpty().isEqualTo(fromTiers);
            }
        }
        assertThat(api.get("/api/analytics/exposure/renault-tanger?depth=3&inferred=false").json().get("firms").asInt())
                .isLessThan(api.get("/api/analytics/exposure/renault-tanger?depth=3").json().get("firms").asInt());
    }

    @Test
    void shows_renault_among_the_north_to_south_flows_from_france_to_morocco() {
        Api.Response r = api.get("/api/analytics/flows?by=country");
        var row = find(r, "france", "morocco");
        assertThat(row.get("direction").asString()).isEqualTo("North→South");
        assertThat(row.get("firmIds").toString()).contains("renault");
        assertThat(r.json().get("graph").get("edges")).isNotEmpty();
    }

    @Test
    void shows_cevital_among_the_south_to_north_flows_from_algeria_to_france() {
        var row = find(api.get("/api/analytics/flows?by=country"), "algeria", "france");
        assertThat(row.get("direction").asString()).isEqualTo("South→North");
        assertThat(row.get("firmIds").toString()).contains("cevital");
    }

    @Test
    void leaves_out_installations_made_after_the_asof_year() {
        // "When it opened up a unit in Tangier in 2012, the RENAULT group…": not yet a flow in 2010.
        assertThat(find(api.get("/api/analytics/flows?asOf=2013"), "france", "morocco").get("firmIds").toString()).contains("renault");
        assertThat(find(api.get("/api/analytics/flows?asOf=2010"), "france", "morocco").get("firmIds").toString()).doesNotContain("\"renault\"");
        assertThat(api.get("/api/analytics/flows?asOf=year").json().get("parameter").asString()).isEqualTo("asOf");
    }

    @Test
    void groups_flows_by_sector_too() {
        Api.Response r = api.get("/api/analytics/flows?by=sector");
        assertThat(r.json().get("rows")).anySatisfy(row -> {
            assertThat(row.get("from").asString()).isEqualTo("Automotive");
            assertThat(row.get("direction").asString()).isEqualTo("North→South");
        });
        assertThat(api.get("/api/analytics/flows?by=planet").status()).isEqualTo(400);
    }

    @Test
    void draws_a_region_as_a_region_and_leaves_out_inferred_installations_on_request() {
        Api.Response r = api.get("/api/analytics/flows?by=country");
        assertThat(r.json().get("graph").get("nodes")).anySatisfy(n -> {
            assertThat(n.get("data").get("id").asString()).isEqualTo("maghreb");
            assertThat(n.get("data").get("type").asString()).isEqualTo("Region");
        });
        assertThat(r.json().get("graph").get("nodes")).anySatisfy(n -> {
            assertThat(n.get("data").get("id").asString()).isEqualTo("france");
            assertThat(n.get("data").get("type").asString()).isEqualTo("Country");
        });
        // Renault Tanger's next-line makers are installed in Morocco by inference only.
        assertThat(find(r, "france", "morocco").get("firmIds").toString()).contains("renault-tangier-next-line-equipment-manufacturers");
        Api.Response stated = api.get("/api/analytics/flows?by=country&inferred=false");
        assertThat(find(stated, "france", "morocco").get("firmIds").toString())
                .contains("\"renault\"").doesNotContain("renault-tangier-next-line-equipment-manufacturers");
        assertThat(api.get("/api/analytics/flows?inferred=perhaps").status()).isEqualTo(400);
        // The next-line makers come from four northern countries and are installed in Morocco: four
        // edges, one firm-destination pair in the North→South total.
        int edgesFromThem = 0;
        for (var row : r.json().get("rows")) {
            if (row.get("firmIds").toString().contains("renault-tangier-next-line-equipment-manufacturers")) edgesFromThem++;
        }
        assertThat(edgesFromThem).isEqualTo(4);
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (var row : r.json().get("rows")) {
            if (row.get("direction").asString().equals("North→South")) row.get("firmIds").forEach(f -> pairs.add(f.asString() + ">" + row.get("to").asString()));
        }
        assertThat(r.json().get("byDirection").get("North→South").asInt()).isEqualTo(pairs.size());
    }

    @Test
    void counts_a_sector_the_report_only_implies_only_when_inferred_links_are_asked_for() {
        // Jet Alu Maroc's energy work is inferred; aluminium work is stated.
        assertThat(firmsOf(api.get("/api/analytics/flows?by=sector"), "Energy")).contains("jet-alu-maroc");
        Api.Response stated = api.get("/api/analytics/flows?by=sector&inferred=false");
        assertThat(stated.status()).isEqualTo(200);
        assertThat(firmsOf(stated, "Energy")).doesNotContain("jet-alu-maroc");
        assertThat(firmsOf(stated, "Aluminium work")).contains("jet-alu-maroc");
    }

    @Test
    void lists_installations_whose_firm_has_no_stated_home_country() {
        // "…Algeria, where its subsidiary GLON SANDERS opened a first factory… in 2014": the report
        // never says where Glon Sanders comes from, so the flow cannot be classed, but it is listed.
        Api.Response r = api.get("/api/analytics/flows?by=country");
        assertThat(r.status()).isEqualTo(200);
        List<String> listed = notCounted(r);
        assertThat(listed).contains("glon-sanders>algeria", "labinal-power-systems>morocco",
                "renault-tangier-first-line-oems>morocco", "siemens-north-africa-local-suppliers>tunisia");
        assertThat(r.json().get("notCounted")).anySatisfy(u -> {
            assertThat(u.get("firm").asString()).isEqualTo("glon-sanders");
            assertThat(u.get("firmName").asString()).isEqualTo("Glon Sanders");
            assertThat(u.get("toName").asString()).isEqualTo("Algeria");
        });
        for (var row : r.json().get("rows")) assertThat(row.get("firmIds").toString()).doesNotContain("\"glon-sanders\"");
        // A firm with a home country is counted, not listed.
        assertThat(listed).noneMatch(p -> p.startsWith("renault>") || p.startsWith("cevital>"));
        // Sorted by firm name.
        List<String> names = new ArrayList<>();
        r.json().get("notCounted").forEach(u -> names.add(u.get("firmName").asString().toLowerCase(java.util.Locale.ROOT)));
        assertThat(names).isSorted();
        // The sector grouping leaves out the same installations.
        assertThat(notCounted(api.get("/api/analytics/flows?by=sector"))).isEqualTo(listed);
    }

    @Test
    void lists_uncounted_installations_under_the_same_year_and_inferred_filters() {
        // Siemens' North African suppliers are installed in Tunisia by inference only.
        assertThat(notCounted(api.get("/api/analytics/flows?inferred=false")))
                .contains("glon-sanders>algeria").doesNotContain("siemens-north-africa-local-suppliers>tunisia");
        // Glon Sanders opened its factory in 2014; Labinal Power Systems was in Morocco in 2005.
        assertThat(notCounted(api.get("/api/analytics/flows?asOf=2010")))
                .contains("labinal-power-systems>morocco").doesNotContain("glon-sanders>algeria");
        assertThat(notCounted(api.get("/api/analytics/flows?asOf=2015"))).contains("glon-sanders>algeria");
    }

    private static List<String> notCounted(Api.Response r) {
        List<String> pairs = new ArrayList<>();
        r.json().get("notCounted").forEach(u -> pairs.add(u.get("firm").asString() + ">" + u.get("to").asString()));
        return pairs;
    }

    private static java.util.Set<String> firmsOf(Api.Response r, String sector) {
        java.util.Set<String> firms = new java.util.HashSet<>();
        for (var row : r.json().get("rows")) {
            if (row.get("from").asString().equals(sector)) row.get("firmIds").forEach(f -> firms.add(f.asString()));
        }
        return firms;
    }

    private static tools.jackson.databind.JsonNode find(Api.Response r, String from, String to) {
        for (var row : r.json().get("rows")) {
            if (row.get("from").asString().equals(from) && row.get("to").asString().equals(to)) return row;
        }
        throw new AssertionError("no flow " + from + " → " + to);
    }
}

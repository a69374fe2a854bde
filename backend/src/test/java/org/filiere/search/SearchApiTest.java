package org.filiere.search;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchApiTest extends ApiTest {

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource({
            "sofiproteol, sofiproteol",          // no accent typed: 'SOFIPROTéOL'
            "Sofiprotéol, sofiproteol",
            "fagor brandt, fagor-brandt",
            "royal air maroc, royal-air-maroc",
            "ROYAL AIR MAROC, royal-air-maroc",
            "bombardier, bombardier",
            "renualt, renault",                  // typo
            "cevtal, cevital",                   // typo
            "Lesieur, lesieur-cristal",          // prefix of a name
            "the tangier free zone, tangier-free-zone", // stop words are ignored, not required
            "renault tangier plant, renault-tanger",    // a word no name has does not hide the others
            "cevital algerian group, cevital",
            "westward, west-ward",               // a hyphenated name typed as one word
            "STMicro, stmicroelectronics",       // the start of a one-word name
            "fagorbrandt, fagor-brandt"})
    void finds_the_entity_first_whatever_the_case_accents_or_typos(String q, String expected) {
        Api.Response r = api.get("/api/search?q=" + Api.encode(q));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get(0).get("id").asString()).isEqualTo(expected);
    }

    @Test
    void matches_fuzzily_only_when_the_text_as_typed_does_not_fill_the_page() {
        // "tangier" as typed names fewer than 50 entities: the page is completed by near spellings ("Tanger").
        var wide = api.get("/api/search?q=tangier&limit=50").json();
        int literal = 0;
        for (var hit : wide) if (hasWordStartingWith(hit, "tangier")) literal++;
        assertThat(literal).isGreaterThanOrEqualTo(2).isLessThan(wide.size());

        // A page the text as typed fills holds only those matches.
        var filled = api.get("/api/search?q=tangier&limit=" + literal).json();
        assertThat(filled).hasSize(literal);
        filled.forEach(hit -> assertThat(hasWordStartingWith(hit, "tangier")).as(hit.toString()).isTrue());
    }

    private static boolean hasWordStartingWith(tools.jackson.databind.JsonNode hit, String prefix) {
        var alias = hit.path("matchedAlias");
        String text = org.filiere.graph.Names.normalise(hit.get("name").asString()
                + (alias.isMissingNode() || alias.isNull() ? "" : " " + alias.asString()));
        return (" " + text).contains(" " + prefix);
    }

    @Test
    void reports_the_printed_spelling_that_matched_as_the_alias() {
        Api.Response r = api.get("/api/search?q=" + Api.encode("RENAuLt tANgER"));
        assertThat(r.json().get(0).get("id").asString()).isEqualTo("renault-tanger");
        assertThat(r.json().get(0).get("matchedAlias").asString()).isEqualTo("RENAuLt tANgER");
    }

    @Test
    void gives_id_name_type_and_country_for_each_hit() {
        var hit = api.get("/api/search?q=safran").json().get(0);
        assertThat(hit.get("id").asString()).isEqualTo("safran");
        assertThat(hit.get("name").asString()).isEqualTo("Safran");
        assertThat(hit.get("type").asString()).isEqualTo("Company");
        assertThat(hit.get("country").asString()).isEqualTo("FR");
    }

    @Test
    void filters_hits_by_type() {
        Api.Response r = api.get("/api/search?q=morocco&types=Country&limit=5");
        assertThat(r.json()).isNotEmpty();
        r.json().forEach(h -> assertThat(h.get("type").asString()).isEqualTo("Country"));
    }

    @Test
    void treats_lucene_and_cypher_syntax_as_plain_words() {
        for (String q : new String[] {"name:renault~ OR *", "') DETACH DELETE n //", "\"unterminated", "[a TO z]", "&&||!(){}^~*?:\\/"}) {
            Api.Response r = api.get("/api/search?q=" + Api.encode(q));
            assertThat(r.status()).as(q).isEqualTo(200);
        }
    }

    @Test
    void rejects_a_missing_or_oversized_query_with_a_problem() {
        Api.Response missing = api.get("/api/search");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("parameter").asString()).isEqualTo("q");
        assertThat(api.get("/api/search?q=x&limit=500").json().get("parameter").asString()).isEqualTo("limit");
        assertThat(api.get("/api/search?q=x&types=Spaceship").status()).isEqualTo(400);
    }
}

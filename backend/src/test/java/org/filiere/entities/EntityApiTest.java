package org.filiere.entities;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EntityApiTest extends ApiTest {

    @Test
    void shows_properties_aliases_quotes_and_relationship_counts_of_renault() {
        Api.Response r = api.get("/api/entities/renault");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("name").asString()).isEqualTo("Renault");
        assertThat(r.json().get("type").asString()).isEqualTo("Company");
        assertThat(r.json().get("aliases").toString()).contains("RENAuLt");
        List<String> quotes = new ArrayList<>();
        r.json().get("quotes").forEach(q -> quotes.add(q.get("quote").asString()));
        // "The French vehicle manufacturer RENAULT has established a major produc- tion unit …"
        assertThat(quotes).anyMatch(q -> q.contains("The French vehicle manufacturer RENAULT"));
        List<String> sections = new ArrayList<>();
        r.json().get("quotes").forEach(q -> sections.add(q.get("section").asString()));
        assertThat(sections).contains("Case study: Renault");
        assertThat(r.json().get("relationships").toString()).contains("\"type\":\"BRAND_OF\",\"direction\":\"in\"");
    }

    @Test
    void gives_numeric_facts_with_their_own_quote() {
        Api.Response r = api.get("/api/entities/renault-tanger");
        List<String> facts = new ArrayList<>();
        r.json().get("facts").forEach(f -> facts.add(f.get("property").asString() + "=" + f.get("value").asString()
                + " «" + f.get("quote").asString() + "»"));
        // "In the long term, the factory will employ over 6,000 people."
        assertThat(facts).anyMatch(f -> f.startsWith("employees=6000") && f.contains("6,000 people"));
    }

    @Test
    void answers_404_problem_for_an_unknown_id_and_400_for_a_malformed_one() {
        Api.Response unknown = api.get("/api/entities/no-such-firm");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asString()).contains("no-such-firm");
        Api.Response malformed = api.get("/api/entities/" + Api.encode("x' OR 1=1"));
        assertThat(malformed.status()).isEqualTo(400);
    }
}

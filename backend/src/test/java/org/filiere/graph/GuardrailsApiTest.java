package org.filiere.graph;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GuardrailsApiTest extends ApiTest {

    static final List<String> HOSTILE = List.of(
            "'}) DETACH DELETE n //", "\") MATCH (n) DETACH DELETE n RETURN 1 //", "renault` SET n.x=1 //",
            "SUBSIDIARY_OF]->() DELETE r //", "$id", "{id:1}", "../../etc/passwd", "%00", "<script>alert(1)</script>",
            "1e9", "-1", "NaN", "renault,hikma", "x".repeat(5000));

    static final List<String> TEMPLATES = List.of(
            "/api/search?q=%s", "/api/search?q=renault&types=%s", "/api/entities/%s",
            "/api/graph/neighbourhood/%s", "/api/graph/neighbourhood/renault?types=%s", "/api/graph/neighbourhood/renault?depth=%s",
            "/api/graph/neighbourhood/renault?asOf=%s", "/api/graph/tiers/%s", "/api/graph/tiers/renault?direction=%s",
            "/api/graph/ownership/%s", "/api/graph/paths?from=%s&to=renault", "/api/graph/paths?from=renault&to=hikma&types=%s",
            "/api/graph/paths?from=renault&to=hikma&k=%s", "/api/analytics/exposure/%s", "/api/analytics/flows?by=%s");

    @Autowired Neo4jClient client;

    @Test
    void hostile_parameters_get_a_clear_4xx_or_an_inert_answer_and_nothing_is_written() {
        long nodes = count("MATCH (n) RETURN count(n)");
        long rels = count("MATCH ()-[r]->() RETURN count(r)");
        int requests = 0;
        for (String template : TEMPLATES) {
            for (String value : HOSTILE) {
                String path = template.formatted(Api.encode(value));
                Api.Response r = api.get(path);
                requests++;
                assertThat(r.status()).as(path).isLessThan(500);
                if (r.status() >= 400) {
                    assertThat(r.contentType()).as(path).startsWith("application/problem+json");
                    assertThat(r.json().get("detail").asString()).as(path).isNotBlank();
                    assertThat(r.body()).as(path).doesNotContain("Exception", "\tat ");
                }
            }
        }
        assertThat(requests).isEqualTo(TEMPLATES.size() * HOSTILE.size());
        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
        assertThat(count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(rels);
    }

    @Test
    void says_a_request_is_too_long_rather_than_badly_encoded() {
        Api.Response r = api.get("/api/entities/" + "a".repeat(10_000));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("too long").doesNotContain("encoding");
    }

    @Test
    void rejects_writes_on_read_endpoints_and_unknown_paths_with_problems() {
        var unknown = api.get("/api/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asString())
                .isEqualTo("There is no GET /api/nothing-here in the API: its endpoints are listed at /v3/api-docs and /swagger-ui.html.");
        assertThat(unknown.json().get("type").asString()).isEqualTo("https://filiere.dev/problems/not-found");
        var notANumber = api.get("/api/graph/paths?from=renault&to=hikma&maxHops=abc").json();
        assertThat(notANumber.get("parameter").asString()).isEqualTo("maxHops");
        assertThat(notANumber.get("detail").asString()).isEqualTo("Parameter 'maxHops' must be a whole number.");
        // A repeated parameter is refused rather than read as its first value.
        Api.Response twice = api.get("/api/graph/tiers/renault-tanger?depth=1&depth=6");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.contentType()).contains("application/problem+json");
        assertThat(twice.json().get("parameter").asString()).isEqualTo("depth");
        assertThat(twice.json().get("detail").asString()).contains("given 2 times");
        // A misspelt or unsupported parameter is refused rather than answered with the defaults.
        Api.Response misspelt = api.get("/api/graph/paths?from=renault&to=safran&maxhops=1");
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.json().get("parameter").asString()).isEqualTo("maxhops");
        assertThat(misspelt.json().get("detail").asString()).startsWith("Unknown parameter 'maxhops'. This endpoint takes: ")
                .contains("maxHops");
        assertThat(api.get("/api/graph/tiers/renault?dept=1").json().get("parameter").asString()).isEqualTo("dept");
        assertThat(api.get("/api/analytics/exposure/renault?format=csv").status()).isEqualTo(400);
        assertThat(api.get("/api/entities/renault?x=1").json().get("detail").asString())
                .isEqualTo("Unknown parameter 'x'. This endpoint takes no parameters.");
        assertThat(api.get("/api/graph/tiers/renault?depth=1&format=csv").status()).isEqualTo(200);
        var tooLarge = api.get("/api/graph/neighbourhood/cevital?limit=99999999999").json();
        assertThat(tooLarge.get("parameter").asString()).isEqualTo("limit");
        assertThat(tooLarge.get("detail").asString()).isEqualTo("Parameter 'limit' is out of range: 99999999999 is too large.");
    }

    @Test
    void publishes_the_contract_as_openapi() {
        Api.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/search", "/api/entities/{id}", "/api/graph/neighbourhood/{id}", "/api/graph/tiers/{id}",
                "/api/graph/ownership/{id}", "/api/graph/paths", "/api/analytics/exposure/{id}", "/api/analytics/flows");
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void sends_security_headers_with_a_strict_content_security_policy() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    private long count(String q) {
        return client.query(q).fetchAs(Long.class).one().orElseThrow();
    }
}

package org.filiere.security;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityApiTest extends ApiTest {

    private static final String NODES = "id,name,type\nsec-test-firm,Sec Test,Company\n";

    private Api.Response post(String user, String password) {
        return api.postMultipart("/api/imports", Map.of("dataset", "sec-test"),
                Map.of("nodes", Map.entry("nodes.csv", NODES.getBytes(StandardCharsets.UTF_8))), user, password);
    }

    @Test
    void an_anonymous_write_is_answered_401_problem_json_and_changes_nothing() {
        long before = Graph.entities();
        Api.Response r = post(null, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().get("title").asString()).isEqualTo("Authentication required");
        assertThat(Graph.entities()).isEqualTo(before);
    }

    @Test
    void a_wrong_password_is_answered_401() {
        assertThat(post("admin", "not-the-password").status()).isEqualTo(401);
        assertThat(post("someone", HarnessTest.ADMIN_PASSWORD).status()).isEqualTo(401);
        assertThat(Graph.count("MATCH (n {id: 'sec-test-firm'}) RETURN count(n)")).isZero();
    }

    @Test
    void the_admin_can_write_without_a_csrf_token() {
        try {
            Api.Response r = post("admin", HarnessTest.ADMIN_PASSWORD);
            assertThat(r.status()).isEqualTo(202);
            assertThat(api.awaitImport(r).get("status").asString()).isEqualTo("succeeded");
        } finally {
            Graph.deleteDataset("sec-test");
        }
    }

    @Test
    void a_cross_site_browser_write_needs_a_csrf_token_even_with_credentials() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + HarnessTest.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Origin", "https://evil.example")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void reads_stay_public_with_our_own_security_headers() {
        for (String path : new String[]{"/api/search?q=renault", "/api/export?format=ftm", "/actuator/health", "/v3/api-docs"}) {
            Api.Download d = api.download(path);
            assertThat(d.status()).as(path).isEqualTo(200);
            assertThat(d.headers().allValues("Content-Security-Policy")).as(path).hasSize(1);
        }
        Api.Download api = this.api.download("/api/search?q=renault");
        assertThat(api.header("Content-Security-Policy")).startsWith("default-src 'self'; script-src 'self'; style-src 'self';");
        assertThat(api.headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(api.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void a_401_carries_our_security_headers_too() {
        Api.Download unauthorized = api.download("/api/search?q=renault");
        assertThat(unauthorized.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(post(null, null).status()).isEqualTo(401);
    }
}

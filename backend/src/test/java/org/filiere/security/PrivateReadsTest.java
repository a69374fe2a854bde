package org.filiere.security;

import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code FILIERE_PUBLIC_READS=false}, reads need the admin user; the explorer page and health stay open. */
@TestPropertySource(properties = "filiere.security.public-reads=false")
class PrivateReadsTest extends HarnessTest {

    @LocalServerPort int port;

    private HttpResponse<String> get(String path, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (password != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_private_instance_answers_reads_only_to_the_authenticated_user() throws Exception {
        for (String path : new String[]{"/api/search?q=renault", "/api/entities/renault", "/api/graph/tiers/renault-tanger",
                "/api/export?format=ftm", "/v3/api-docs"}) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/problem+json");
            assertThat(get(path, "wrong").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, ADMIN_PASSWORD).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/session", null).statusCode()).isEqualTo(200);
    }
}

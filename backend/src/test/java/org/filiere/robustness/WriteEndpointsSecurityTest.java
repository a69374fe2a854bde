package org.filiere.robustness;

import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write operation the OpenAPI document lists — so also the ones added after this test —
 * refuses anonymous callers, wrong passwords, unknown users and cross-site browsers, before it
 * reads anything, and the graph is unchanged afterwards.
 */
class WriteEndpointsSecurityTest extends ApiTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    enum Caller { ANONYMOUS, WRONG_PASSWORD, UNKNOWN_USER, ADMIN_FROM_ANOTHER_SITE }

    @Test
    void every_write_operation_refuses_callers_without_the_right_credentials() throws Exception {
        OpenApiOperations ops = OpenApiOperations.fetch(port);
        assertThat(ops.writes()).as("write operations in the OpenAPI document").extracting(Object::toString).contains("POST /api/imports");
        long nodes = Graph.count("MATCH (n) RETURN count(n)");
        long relationships = Graph.count("MATCH ()-[r]->() RETURN count(r)");
        List<String> checked = new ArrayList<>();
        for (OpenApiOperations.Operation op : ops.writes()) {
            // Real ids in the path, a plausible body: only the credentials are wrong.
            String path = op.path().replaceAll("\\{[^}]+}", "renault");
            for (Caller caller : Caller.values()) {
                HttpResponse<String> r = send(op, path, caller);
                int expected = caller == Caller.ADMIN_FROM_ANOTHER_SITE ? 403 : 401;
                assertThat(r.statusCode()).as(caller + " " + op.method() + " " + path + " → " + r.body()).isEqualTo(expected);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).as(op + " " + caller).startsWith("application/problem+json");
                if (expected == 401) {
                    assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).as(op + " " + caller).startsWith("Basic");
                }
                checked.add(caller + " " + op);
            }
        }
        assertThat(checked).hasSize(ops.writes().size() * Caller.values().length);
        assertThat(Graph.count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
        assertThat(Graph.count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(relationships);
    }

    private HttpResponse<String> send(OpenApiOperations.Operation op, String path, Caller caller) throws Exception {
        String contentType = op.multipart() ? "multipart/form-data; boundary=b" : "application/json";
        String body = op.multipart()
                ? "--b\r\nContent-Disposition: form-data; name=\"dataset\"\r\n\r\nsecurity-check\r\n--b--\r\n"
                : "{\"name\":\"Security check\",\"type\":\"Company\"}";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType)
                .method(op.method(), HttpRequest.BodyPublishers.ofString(body));
        switch (caller) {
            case ANONYMOUS -> { }
            case WRONG_PASSWORD -> b.header("Authorization", basic("admin", "wrong-" + ADMIN_PASSWORD));
            case UNKNOWN_USER -> b.header("Authorization", basic("mallory", ADMIN_PASSWORD));
            case ADMIN_FROM_ANOTHER_SITE -> b.header("Authorization", basic("admin", ADMIN_PASSWORD))
                    .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

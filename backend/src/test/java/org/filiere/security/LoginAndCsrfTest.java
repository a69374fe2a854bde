package org.filiere.security;

import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.HarnessTest;
import org.filiere.support.Http;
import org.filiere.support.SharedNeo4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Curation writes need a user: HTTP Basic for scripts, or the login form's session plus the CSRF token for browsers. */
class LoginAndCsrfTest extends ApiTest {

    private final String id = "sec-login-" + Long.toString(System.nanoTime(), 36);

    @AfterEach
    void clean() {
        SharedNeo4j.get().defaultDatabaseService().executeTransactionally(
                "MATCH (n:Entity) WHERE n.id STARTS WITH $id DETACH DELETE n", Map.of("id", id));
    }

    private Map<String, Object> entity(String suffix) {
        return Map.of("id", id + suffix, "name", "Login test " + suffix, "type", "Company");
    }

    private long created() {
        return Graph.count("MATCH (n:Entity) WHERE n.id STARTS WITH $id RETURN count(n)", Map.of("id", id));
    }

    private static String form(String user, String password) {
        return "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    @Test
    void an_anonymous_curation_write_is_401_a_wrong_password_401_and_a_cross_site_one_403() {
        Http anonymous = new Http(port);
        Http.Answer r = anonymous.post("/api/entities", entity("a"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.send("DELETE", "/api/entities/renault", null, null).status()).isEqualTo(401);
        assertThat(anonymous.post("/api/entities/renault/merge", Map.of("other", "dacia")).status()).isEqualTo(401);
        assertThat(anonymous.send("PATCH", "/api/relationships/dacia.BRAND_OF.renault", "{\"year\": 2000}", "application/json").status()).isEqualTo(401);
        assertThat(new Http(port).as("admin", "wrong").post("/api/entities", entity("b")).status()).isEqualTo(401);
        assertThat(new Http(port).as("mallory", HarnessTest.ADMIN_PASSWORD).post("/api/entities", entity("c")).status()).isEqualTo(401);
        Http.Answer crossSite = new Http(port).admin().header("Origin", "https://evil.example").post("/api/entities", entity("d"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.contentType()).contains("application/problem+json");
        assertThat(new Http(port).admin().header("Sec-Fetch-Site", "cross-site").post("/api/entities", entity("e")).status()).isEqualTo(403);
        assertThat(created()).isZero();
        // The explorer's own requests get no Basic challenge (a browser would pop up its password dialog).
        assertThat(new Http(port).header("X-Requested-With", "XMLHttpRequest").post("/api/entities", entity("f"))
                .headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void the_openapi_description_lists_the_curation_endpoints_and_both_ways_to_log_in() {
        String doc = api.get("/v3/api-docs").body();
        assertThat(doc).contains("/api/entities/{id}/merge", "/api/entities/{id}/history", "/api/relationships/{id}/dismiss",
                "/api/session", "\"basic\"", "\"session\"", "EntityFields", "RelationshipFields");
    }

    @Test
    void http_basic_stays_stateless_and_needs_no_csrf_token() {
        Http.Answer r = new Http(port).admin().post("/api/entities", entity("basic"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    }

    @Test
    void the_login_form_opens_a_session_whose_writes_need_the_csrf_token() {
        Http browser = new Http(port, true);
        Http.Answer session = browser.get("/api/session");
        assertThat(session.json().get("authenticated").asBoolean()).isFalse();
        String token = session.json().get("csrf").get("token").asString();
        String header = session.json().get("csrf").get("header").asString();
        assertThat(header).isEqualTo("X-XSRF-TOKEN");
        assertThat(session.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("XSRF-TOKEN=") && c.contains("HttpOnly"));

        String urlencoded = "application/x-www-form-urlencoded";
        assertThat(browser.send("POST", "/login", form("admin", HarnessTest.ADMIN_PASSWORD), urlencoded).status())
                .as("login without the token").isEqualTo(403);
        browser.header(header, token);
        Http.Answer wrong = browser.send("POST", "/login", form("admin", "nope"), urlencoded);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).contains("application/problem+json");
        Http.Answer login = browser.send("POST", "/login", form("admin", HarnessTest.ADMIN_PASSWORD), urlencoded);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("user").asString()).isEqualTo("admin");
        assertThat(login.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("JSESSIONID") && c.contains("HttpOnly")
                && c.contains("SameSite=Lax"));
        String fresh = login.json().get("csrf").get("token").asString();
        assertThat(browser.get("/api/session").json().get("user").asString()).isEqualTo("admin");

        // The session alone does not write: the token must come with it.
        browser.header(header, null);
        Http.Answer noToken = browser.post("/api/entities", entity("s1"));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.json().get("detail").asString()).contains("CSRF");
        browser.header(header, "forged-" + fresh);
        assertThat(browser.post("/api/entities", entity("s2")).status()).isEqualTo(403);
        assertThat(created()).isZero();
        browser.header(header, fresh);
        Http.Answer write = browser.post("/api/entities", entity("s3"));
        assertThat(write.status()).as(write.body()).isEqualTo(201);
        assertThat(api.get("/api/entities/" + id + "s3/history").json().get("changes").get(0).get("user").asString()).isEqualTo("admin");
        // Another site cannot use the session even with a token it got hold of.
        assertThat(browser.header("Origin", "https://evil.example").post("/api/entities", entity("s4")).status()).isEqualTo(403);
        browser.header("Origin", null);

        browser.header(header, null);
        assertThat(browser.send("POST", "/logout", "", urlencoded).status()).as("logout without the token").isEqualTo(403);
        browser.header(header, fresh);
        assertThat(browser.send("POST", "/logout", "", urlencoded).status()).isEqualTo(200);
        assertThat(browser.get("/api/session").json().get("authenticated").asBoolean()).isFalse();
        assertThat(browser.post("/api/entities", entity("s5")).status()).isIn(401, 403);
        assertThat(created()).isEqualTo(1);
    }
}

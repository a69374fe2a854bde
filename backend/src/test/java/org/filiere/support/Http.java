package org.filiere.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes for tests: JSON requests with any method, HTTP Basic credentials or a browser-like cookie
 * session, and extra headers. Answers come back as {@link Api.Response}, headers included.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final HttpClient client;
    private String user;
    private String password;
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** A client without cookies (curl-like). */
    public Http(int port) {
        this(port, false);
    }

    /** {@code cookies}: keep cookies between requests, as a browser does (session, CSRF cookie). */
    public Http(int port, boolean cookies) {
        this.port = port;
        HttpClient.Builder b = HttpClient.newBuilder();
        if (cookies) b.cookieHandler(new CookieManager());
        this.client = b.build();
    }

    public Http as(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    public Http admin() {
        return as("admin", HarnessTest.ADMIN_PASSWORD);
    }

    public Http header(String name, String value) {
        if (value == null) headers.remove(name);
        else headers.put(name, value);
        return this;
    }

    public record Answer(Api.Response response, java.net.http.HttpHeaders headers) {
        public int status() {
            return response.status();
        }

        public JsonNode json() {
            return response.json();
        }

        public String body() {
            return response.body();
        }

        public String contentType() {
            return response.contentType();
        }
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    public Answer patch(String path, Object body) {
        return send("PATCH", path, body, "application/json");
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** {@code body}: a String is sent as it is, anything else as JSON. */
    public Answer send(String method, String path, Object body, String contentType) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (contentType != null && text != null) r.header("Content-Type", contentType);
            if (user != null) {
                r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            headers.forEach(r::header);
            HttpResponse<String> res = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
            String type = res.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !res.body().isEmpty() ? JSON.readTree(res.body()) : null;
            return new Answer(new Api.Response(res.statusCode(), type, res.body(), json), res.headers());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }
}

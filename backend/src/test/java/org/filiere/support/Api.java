package org.filiere.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** A tiny HTTP client for tests: real requests to the running application, JSON answers parsed. */
public final class Api {

    public record Response(int status, String contentType, String body, JsonNode json) {
        public List<String> ids(String arrayField) {
            List<String> out = new ArrayList<>();
            json.get(arrayField).forEach(e -> out.add(e.has("data") ? e.get("data").get("id").asString() : e.get("id").asString()));
            return out;
        }

        public JsonNode node(String id) {
            for (JsonNode n : json.get("nodes")) {
                if (n.get("data").get("id").asString().equals(id)) return n.get("data");
            }
            throw new AssertionError("No node " + id + " in " + ids("nodes"));
        }

        public JsonNode edge(String source, String type, String target) {
            for (JsonNode e : json.get("edges")) {
                JsonNode d = e.get("data");
                if (d.get("source").asString().equals(source) && d.get("type").asString().equals(type)
                        && d.get("target").asString().equals(target)) return d;
            }
            throw new AssertionError("No edge " + source + " " + type + " " + target);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    public Api(int port) {
        this.port = port;
    }

    public Response get(String pathAndQuery) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? JSON.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, r.body(), json);
        } catch (Exception e) {
            throw new AssertionError("GET " + pathAndQuery + " failed", e);
        }
    }

    /** A raw answer: status, headers and body bytes (downloads). */
    public record Download(int status, java.net.http.HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** {@code headers}: request header names and values, in pairs. */
    public Download download(String pathAndQuery, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
            if (headers.length > 0) request.headers(headers);
            HttpResponse<byte[]> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers(), r.body());
        } catch (Exception e) {
            throw new AssertionError("GET " + pathAndQuery + " failed", e);
        }
    }

    /** POST multipart/form-data: {@code fields} as text parts, {@code files} as file parts (part name → file name, content). */
    public Response postMultipart(String path, java.util.Map<String, String> fields, java.util.Map<String, java.util.Map.Entry<String, byte[]>> files,
                                  String user, String password) {
        try {
            String boundary = "----filiere" + System.nanoTime();
            var body = new java.io.ByteArrayOutputStream();
            var utf8 = java.nio.charset.StandardCharsets.UTF_8;
            for (var f : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                        + f.getValue() + "\r\n").getBytes(utf8));
            }
            for (var f : files.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"; filename=\""
                        + f.getValue().getKey() + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(utf8));
                body.write(f.getValue().getValue());
                body.write("\r\n".getBytes(utf8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(utf8));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            if (user != null) {
                request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(utf8)));
            }
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? JSON.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, r.body(), json);
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " failed", e);
        }
    }

    /**
     * Polls {@code GET /api/imports/{id}} until the job has finished (succeeded or failed) and
     * returns its last state; fails the test after {@code timeout}.
     */
    public JsonNode awaitImport(String id, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response r = get("/api/imports/" + id);
            if (r.status() != 200) throw new AssertionError("GET /api/imports/" + id + " answered " + r.status() + ": " + r.body());
            String status = r.json().get("status").asString();
            if (status.equals("succeeded") || status.equals("failed")) return r.json();
            if (System.nanoTime() > deadline) throw new AssertionError("Import " + id + " still " + status + " after " + timeout);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for the job a 202 answer started and returns its final state. */
    public JsonNode awaitImport(Response accepted) {
        if (accepted.status() != 202) throw new AssertionError("Expected 202, got " + accepted.status() + ": " + accepted.body());
        return awaitImport(accepted.json().get("id").asString(), java.time.Duration.ofSeconds(120));
    }

    public static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}

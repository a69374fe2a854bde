package org.filiere.robustness;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The application's HTTP operations as its OpenAPI document lists them, so that the robustness
 * tests cover every endpoint, including ones added after the tests were written.
 */
record OpenApiOperations(List<Operation> all) {

    record Parameter(String name, String in, boolean required) {
    }

    record Operation(String method, String path, List<Parameter> parameters, boolean multipart, boolean jsonBody) {
        boolean isWrite() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static OpenApiOperations fetch(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("/v3/api-docs answered " + r.statusCode());
            return parse(JsonMapper.builder().build().readTree(r.body()));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document", e);
        }
    }

    static OpenApiOperations parse(JsonNode doc) {
        List<Operation> ops = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) continue;
                List<Parameter> params = new ArrayList<>();
                JsonNode ps = op.getValue().get("parameters");
                if (ps != null) {
                    for (JsonNode p : ps) {
                        params.add(new Parameter(p.get("name").asString(), p.get("in").asString(),
                                p.has("required") && p.get("required").asBoolean()));
                    }
                }
                JsonNode content = op.getValue().path("requestBody").path("content");
                ops.add(new Operation(method, path.getKey(), List.copyOf(params),
                        content.has("multipart/form-data"), content.has("application/json")));
            }
        }
        return new OpenApiOperations(List.copyOf(ops));
    }

    List<Operation> reads() {
        return all.stream().filter(o -> !o.isWrite()).toList();
    }

    List<Operation> writes() {
        return all.stream().filter(Operation::isWrite).toList();
    }
}

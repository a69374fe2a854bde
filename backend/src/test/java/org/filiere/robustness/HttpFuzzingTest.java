package org.filiere.robustness;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.filiere.FiliereApplication;
import org.filiere.support.HarnessTest;
import org.filiere.support.SharedNeo4j;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of every HTTP operation the OpenAPI document lists: random and hostile
 * parameter values and bodies. Whatever arrives, the answer is a 2xx or a 4xx problem+json (never a
 * 5xx or a stack trace), writes without the right credentials are refused, and no request changes
 * the graph: its node and relationship counts are checked after every single request.
 *
 * <p>The application runs against the shared harness with the IPEMED data, started here because
 * jqwik properties do not run Spring's test extension.
 */
class HttpFuzzingTest {

    static final String ADMIN = HarnessTest.ADMIN_PASSWORD;

    /** Hostile values: injection attempts, wrong types, extreme numbers, odd encodings. */
    static final List<String> HOSTILE = List.of(
            "'}) DETACH DELETE n //", "\") MATCH (n) DETACH DELETE n RETURN 1 //", "renault` SET n.x=1 //",
            "x]->() DELETE r //", "$id", "{id:1}", "' OR 1=1 --", "../../etc/passwd", "..", ".", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "1000000000", "-1", "-2147483649", "99999999999999999999", "NaN", "Infinity",
            "1e308", "0x10", "3.5", "", " ", "\t", "null", "undefined", "true", "[]", "{}", "%", "\\", "\u0000", "\u202e",
            "𝔉𝔦𝔩𝔦è𝔯𝔢", "ÉÇ", "SUPPLIES|OWNS", "SUPPLIES;DROP", "supplies", "Company,Person", "ENTITY", "__Migration",
            "__Dataset", "x".repeat(5000));

    /** Real ids and names, so that random requests also reach the traversals' deeper code paths. */
    static final List<String> PLAUSIBLE = List.of("renault", "renault-tanger", "hikma", "cevital", "Renault", "tanger",
            "SUPPLIES", "SUBSIDIARY_OF", "Company", "Site", "MA", "FR", "2010", "1", "3", "6", "8", "out", "in", "both",
            "sector", "country", "csv", "graphml", "cyjs", "ftm");

    /** Percent-encoded byte sequences that are not valid UTF-8 (overlong, lone surrogate, stray continuation). */
    static final List<String> INVALID_UTF8 = List.of("%C3%28", "%FF%FE", "%ED%A0%80", "%80", "%C0%AF", "%E2%82", "%00", "%2F", "%5C", "%25");

    static ConfigurableApplicationContext app;
    static int port;
    static OpenApiOperations operations;
    static Driver driver;
    static long nodes;
    static long relationships;
    static final AtomicInteger requests = new AtomicInteger();
    static final Map<String, long[]> statusesByOperation = new java.util.concurrent.ConcurrentSkipListMap<>();
    static final Map<String, Long> slowestByOperation = new java.util.concurrent.ConcurrentSkipListMap<>();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeContainer
    static void start() {
        // Default properties rank below application.yml, whose server.port reads PORT: a random port
        // through PORT, or the test fails whenever the app itself runs on 8080.
        app = new SpringApplicationBuilder(FiliereApplication.class).properties(Map.of(
                "NEO4J_URI", SharedNeo4j.boltUri(), "NEO4J_PASSWORD", "unused", "FILIERE_ADMIN_PASSWORD", ADMIN,
                "PORT", "0", "logging.level.root", "warn")).run();
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        operations = OpenApiOperations.fetch(port);
        driver = GraphDatabase.driver(SharedNeo4j.boltUri(), AuthTokens.none());
        nodes = count("MATCH (n) RETURN count(n)");
        relationships = count("MATCH ()-[r]->() RETURN count(r)");
    }

    @AfterContainer
    static void stop() {
        System.out.printf("HttpFuzzingTest: %d requests over %d operations (%d reads, %d writes)%n", requests.get(),
                operations.all().size(), operations.reads().size(), operations.writes().size());
        statusesByOperation.forEach((op, counts) -> System.out.printf("  %-45s 2xx %4d  4xx %4d  5xx %d  slowest %d ms%n",
                op, counts[0], counts[1], counts[2], slowestByOperation.get(op)));
        if (driver != null) driver.close();
        if (app != null) app.close();
    }

    // ---- reads -------------------------------------------------------------------------------

    record Value(String text, boolean preEncoded) {
        String encoded() {
            return preEncoded ? text : URLEncoderUtf8.encode(text);
        }

        @Override
        public String toString() {
            return (preEncoded ? "raw:" : "") + (text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text);
        }
    }

    record ReadRequest(OpenApiOperations.Operation operation, List<Optional<Value>> values, Optional<Value> extra) {
        String url() {
            String path = operation.path();
            List<String> query = new ArrayList<>();
            for (int i = 0; i < operation.parameters().size(); i++) {
                var p = operation.parameters().get(i);
                Optional<Value> v = values.get(i);
                if (p.in().equals("path")) {
                    path = path.replace("{" + p.name() + "}", v.orElse(new Value("renault", false)).encoded());
                } else if (p.in().equals("query") && v.isPresent()) {
                    query.add(p.name() + "=" + v.get().encoded());
                }
            }
            extra.ifPresent(v -> query.add("unexpected=" + v.encoded()));
            return path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        }
    }

    static Arbitrary<Value> values() {
        return Arbitraries.<Value>frequencyOf(
                weighted(4, Arbitraries.of(HOSTILE).map(s -> new Value(s, false))),
                weighted(4, Arbitraries.of(PLAUSIBLE).map(s -> new Value(s, false))),
                weighted(2, Arbitraries.strings().all().ofMaxLength(40).map(s -> new Value(s, false))),
                weighted(1, Arbitraries.integers().map(i -> new Value(Integer.toString(i), false))),
                weighted(1, Arbitraries.doubles().map(d -> new Value(Double.toString(d), false))),
                weighted(1, Arbitraries.of(INVALID_UTF8).map(s -> new Value("a" + s + "b", true))));
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Value>> weighted(int weight, Arbitrary<? extends Value> a) {
        return net.jqwik.api.Tuple.of(weight, a);
    }

    @Provide
    Arbitrary<ReadRequest> readRequests() {
        return Arbitraries.of(operations.reads()).flatMap(op -> Combinators.combine(
                values().optional(0.8).list().ofSize(op.parameters().size()),
                values().optional(0.1))
                .as((vs, extra) -> new ReadRequest(op, vs, extra)));
    }

    @Property(tries = 1400, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    void every_read_answers_2xx_or_a_4xx_problem_and_writes_nothing(@ForAll("readRequests") ReadRequest request) {
        Answer a = timed(request.operation(), () -> send("GET", request.url(), null, null, null, null));
        assertThat(a.status()).as(request.url()).isLessThan(500);
        assertCleanAnswer(request.url(), a);
        assertGraphUnchanged(request.url());
    }

    // ---- writes ------------------------------------------------------------------------------

    enum Auth { NONE, WRONG_PASSWORD, WRONG_USER, ADMIN, ADMIN_CROSS_SITE }

    enum BodyKind { HOSTILE_JSON, DEEP_JSON, HUGE_STRING, INVALID_UTF8, HOSTILE_CSV, EMPTY, NOT_JSON }

    record WriteRequest(OpenApiOperations.Operation operation, List<String> pathValues, Auth auth, BodyKind kind,
                        String contentType, List<String> fill) {
        String url() {
            String path = operation.path();
            int i = 0;
            for (var p : operation.parameters()) {
                if (p.in().equals("path")) path = path.replace("{" + p.name() + "}", URLEncoderUtf8.encode(pathValues.get(i++ % pathValues.size())));
            }
            return path;
        }

        byte[] body() {
            String v = fill.get(0);
            return switch (kind) {
                // Every object carries a type no allow-list has and an id no entity has: even the admin cannot make it valid.
                case HOSTILE_JSON -> json(Map.of("id", fill.get(1), "type", "NotAType" + v, "name", v, "source", fill.get(1),
                        "target", v, "aliases", List.of(v, fill.get(2)), "year", v, "share", v, "into", fill.get(2)));
                case DEEP_JSON -> ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
                case HUGE_STRING -> ("{\"name\":\"" + "A".repeat(1 << 20) + "\",\"type\":\"NotAType\"}").getBytes(StandardCharsets.UTF_8);
                case INVALID_UTF8 -> concat("{\"name\":\"".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF},
                        "\",\"type\":\"NotAType\"}".getBytes(StandardCharsets.UTF_8));
                case HOSTILE_CSV -> ("id,name,type\n" + csv(fill.get(1)) + "," + csv(v) + ",NotAType\n").getBytes(StandardCharsets.UTF_8);
                case EMPTY -> new byte[0];
                case NOT_JSON -> ("<entity><name>" + v + "</name></entity>").getBytes(StandardCharsets.UTF_8);
            };
        }

        @Override
        public String toString() {
            return operation + " " + url() + " auth=" + auth + " body=" + kind + " as " + contentType + " fill=" + fill.stream()
                    .map(s -> s.length() > 40 ? s.substring(0, 40) + "…" : s).toList();
        }
    }

    /** Only hostile values here: a write must never succeed by chance during the run. */
    static Arbitrary<String> hostileOnly() {
        return Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30).map(s -> "~" + s));
    }

    @Provide
    Arbitrary<WriteRequest> writeRequests() {
        return Arbitraries.of(operations.writes()).flatMap(op -> Combinators.combine(
                hostileOnly().list().ofSize(3),
                Arbitraries.of(Auth.class),
                Arbitraries.of(BodyKind.class),
                Arbitraries.of("application/json", "multipart/form-data; boundary=fuzz", "text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1"),
                hostileOnly().list().ofSize(3))
                .as((path, auth, kind, type, fill) -> new WriteRequest(op, path, auth, kind, type, fill)));
    }

    @Property(tries = 800, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    void every_write_refuses_bad_credentials_and_hostile_bodies_and_changes_nothing(@ForAll("writeRequests") WriteRequest request) {
        byte[] body = request.body();
        String contentType = request.contentType();
        if (contentType.startsWith("multipart")) {
            body = multipart(request.operation(), body, request.fill().get(0));
        }
        byte[] finalBody = body;
        Answer a = timed(request.operation(), () -> switch (request.auth()) {
            case NONE -> send(request.operation().method(), request.url(), finalBody, contentType, null, null);
            case WRONG_PASSWORD -> send(request.operation().method(), request.url(), finalBody, contentType, "admin", "not-" + ADMIN, null);
            case WRONG_USER -> send(request.operation().method(), request.url(), finalBody, contentType, "root", ADMIN, null);
            case ADMIN -> send(request.operation().method(), request.url(), finalBody, contentType, "admin", ADMIN, null);
            case ADMIN_CROSS_SITE -> send(request.operation().method(), request.url(), finalBody, contentType, "admin", ADMIN, "https://evil.example");
        });
        assertThat(a.status()).as(request.toString()).isBetween(400, 499);
        if (request.auth() == Auth.NONE || request.auth() == Auth.WRONG_PASSWORD || request.auth() == Auth.WRONG_USER) {
            // 400 only where the firewall rejects the URL itself before anyone looks at credentials.
            assertThat(a.status()).as(request.toString()).isIn(400, 401);
        }
        if (request.auth() == Auth.ADMIN_CROSS_SITE) {
            assertThat(a.status()).as(request.toString()).isIn(400, 403);
        }
        assertCleanAnswer(request.toString(), a);
        assertGraphUnchanged(request.toString());
    }

    // ---- plumbing ----------------------------------------------------------------------------

    /** Counts answers per operation and status class, and keeps the slowest, for the run's summary. */
    static Answer timed(OpenApiOperations.Operation op, java.util.function.Supplier<Answer> call) {
        long start = System.nanoTime();
        Answer a = call.get();
        long ms = (System.nanoTime() - start) / 1_000_000;
        statusesByOperation.computeIfAbsent(op.toString(), k -> new long[3])[a.status() < 300 ? 0 : a.status() < 500 ? 1 : 2]++;
        slowestByOperation.merge(op.toString(), ms, Math::max);
        return a;
    }

    record Answer(int status, String contentType, String body) {
    }

    static Answer send(String method, String url, byte[] body, String contentType, String user, String password) {
        return send(method, url, body, contentType, user, password, null);
    }

    static Answer send(String method, String url, byte[] body, String contentType, String user, String password, String origin) {
        requests.incrementAndGet();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + url)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) b.header("Content-Type", contentType);
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            if (origin != null) b.header("Origin", origin).header("Sec-Fetch-Site", "cross-site");
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        }
    }

    static void assertCleanAnswer(String what, Answer a) {
        if (a.status() >= 400) {
            assertThat(a.contentType()).as(what + " → " + a.status() + " " + a.body()).startsWith("application/problem+json");
            assertThat(a.body()).as(what).contains("\"detail\"");
        }
        assertThat(a.body()).as(what).doesNotContain("Exception", "\tat org.", "\tat java.");
    }

    static void assertGraphUnchanged(String what) {
        assertThat(count("MATCH (n) RETURN count(n)")).as("nodes after " + what).isEqualTo(nodes);
        assertThat(count("MATCH ()-[r]->() RETURN count(r)")).as("relationships after " + what).isEqualTo(relationships);
    }

    static long count(String query) {
        try (var session = driver.session()) {
            return session.run(query).single().get(0).asLong();
        }
    }

    static byte[] multipart(OpenApiOperations.Operation op, byte[] file, String field) {
        var out = new ByteArrayOutputStream();
        String head = "--fuzz\r\nContent-Disposition: form-data; name=\"dataset\"\r\n\r\n" + field + "\r\n"
                + "--fuzz\r\nContent-Disposition: form-data; name=\"nodes\"; filename=\"nodes.csv\"\r\nContent-Type: text/csv\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes("\r\n--fuzz--\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] json(Map<String, Object> fields) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(fields);
    }

    static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static final class URLEncoderUtf8 {
        static String encode(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}

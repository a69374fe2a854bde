package org.filiere.robustness;

import org.filiere.FiliereApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the application (a separate JVM on an embedded store, SIGKILL) while a curator's edits
 * stream in, restarts it on the same store, and checks that the database recovered to a state
 * where data and audit trail agree: the firm's name is that of the last recorded edit, there is one
 * audit record per applied edit, and every edit the client saw acknowledged is there.
 */
class CurationCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "crash-test";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void a_process_killed_during_curation_edits_restarts_with_data_and_audit_trail_in_agreement(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        int port = freePort();
        Process app = start(data, port, dir.resolve("app-1.log"));
        AtomicInteger acknowledged = new AtomicInteger();
        int firstPort = port;
        try {
            HttpResponse<String> created = send(port, "POST", "/api/entities",
                    "{\"id\":\"crash-firm\",\"name\":\"Edit 0\",\"type\":\"Company\",\"country\":\"MA\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Thread editor = new Thread(() -> {
                for (int n = 1; ; n++) {
                    try {
                        HttpResponse<String> r = send(firstPort, "PATCH", "/api/entities/crash-firm", "{\"name\":\"Edit " + n + "\"}");
                        if (r.statusCode() != 200) return;
                        acknowledged.set(n);
                    } catch (Exception e) {
                        return; // the process is gone
                    }
                }
            }, "curator");
            editor.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (acknowledged.get() < 40) {
                assertThat(System.nanoTime()).as("edits never got going").isLessThan(deadline);
                Thread.sleep(10);
            }
            app.destroyForcibly(); // SIGKILL while the next edit is in flight
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            editor.join(30_000);
        } finally {
            if (app.isAlive()) app.destroyForcibly().waitFor();
        }
        int seen = acknowledged.get();

        port = freePort();
        app = start(data, port, dir.resolve("app-2.log"));
        try {
            JsonNode entity = JSON.readTree(send(port, "GET", "/api/entities/crash-firm", null).body());
            String name = entity.path("entity").path("name").asString(entity.path("name").asString(""));
            assertThat(name).startsWith("Edit ");
            int applied = Integer.parseInt(name.substring("Edit ".length()));
            // The edit in flight at the kill may or may not have committed; none acknowledged is lost.
            assertThat(applied).isBetween(seen, seen + 1);

            JsonNode history = JSON.readTree(send(port, "GET", "/api/entities/crash-firm/history?limit=200", null).body());
            List<JsonNode> edits = new ArrayList<>();
            history.get("changes").forEach(c -> {
                if (c.get("action").asString().equals("edit")) edits.add(c);
            });
            assertThat(edits).as("one audit record per applied edit").hasSize(applied);
            assertThat(edits.get(0).get("after").toString()).as("the newest record is the applied state").contains("Edit " + applied);
            assertThat(history.get("total").asInt()).isEqualTo(applied + 1); // + create
            System.out.printf("curation crash: killed after %d acknowledged edits; after restart %d applied, %d audit records%n",
                    seen, applied, history.get("total").asInt());
        } finally {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) app.destroyForcibly().waitFor();
        }
    }

    private HttpResponse<String> send(int port, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process start(Path data, int port, Path log) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), FiliereApplication.class.getName(),
                "--server.port=" + port, "--filiere.embedded.data-dir=" + data, "--filiere.embedded.bolt-port=0",
                "--filiere.dataset.autoload=false", "--filiere.admin.password=" + PASSWORD);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("the app stopped during start-up:\n" + tail(log)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return p;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        p.destroyForcibly().waitFor();
        throw new AssertionError("The app did not start within 3 minutes:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

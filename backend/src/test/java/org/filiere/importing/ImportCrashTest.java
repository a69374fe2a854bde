package org.filiere.importing;

import org.filiere.FiliereApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the application (a separate JVM on an embedded store) in the middle of a large import and
 * restarts it on the same store: the graph must be exactly as before the import, or have all of it.
 */
class ImportCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "crash-test";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Entities, relationships, firms with their original / new names, and journal nodes left. */
    record Counts(long nodes, long relationships, long original, long renamed, long journal) {
    }

    @Test
    void a_process_killed_mid_import_restarts_with_the_graph_as_before_the_import(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path small = dir.resolve("small");
        ImportBenchmark.generate(small, 200, 1_000, "Original Firm");
        // Above the single-transaction limit (100,000 rows): batch transactions with a journal. It re-imports the
        // small dataset's 200 firms under new names and some of its relationships, so undo records are needed too.
        Path big = dir.resolve("big");
        ImportBenchmark.generate(big, 10_000, 120_000, "Renamed Firm");
        // Below it: one transaction.
        Path single = dir.resolve("single");
        ImportBenchmark.generate(single, 5_000, 60_000, "Single Firm");

        Counts before;
        String bigJob;
        // Fresh ports for each start: a killed process's ports may linger (TIME_WAIT) and the app would pick others.
        int httpPort = freePort();
        int boltPort = freePort();
        Process app = start(data, httpPort, boltPort, dir.resolve("app-1.log"));
        boltPort = boltPort(dir.resolve("app-1.log"));
        try {
            JsonNode done = await(httpPort, upload(httpPort, "crash", small));
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
            before = counts(boltPort);
            assertThat(before).isEqualTo(new Counts(200, 1_000, 200, 0, 0));
            bigJob = upload(httpPort, "crash", big);
            killMidImport(app, httpPort, bigJob, 10_000 + GraphWriter.BATCH);
        } finally {
            if (app.isAlive()) app.destroyForcibly().waitFor();
        }

        httpPort = freePort();
        boltPort = freePort();
        app = start(data, httpPort, boltPort, dir.resolve("app-2.log"));
        boltPort = boltPort(dir.resolve("app-2.log"));
        try {
            // Rolled back at start-up: the re-imported firms have their old names, nothing new is left, nor any journal.
            assertThat(counts(boltPort)).isEqualTo(before);
            // ... and the job's record says so.
            JsonNode record = poll(httpPort, bigJob);
            assertThat(record.get("status").asString()).as(record.toString()).isEqualTo("failed");
            assertThat(record.get("errors").toString()).contains("rolled back at the next start");
            killMidImport(app, httpPort, upload(httpPort, "crash-single", single), 1);
        } finally {
            if (app.isAlive()) app.destroyForcibly().waitFor();
        }

        httpPort = freePort();
        boltPort = freePort();
        app = start(data, httpPort, boltPort, dir.resolve("app-3.log"));
        boltPort = boltPort(dir.resolve("app-3.log"));
        try {
            // Neo4j's recovery dropped the open transaction.
            assertThat(counts(boltPort)).isEqualTo(before);
            // The store is healthy: the interrupted import now runs to the end.
            JsonNode retry = await(httpPort, upload(httpPort, "crash", big));
            assertThat(retry.get("status").asString()).as(retry.toString()).isEqualTo("succeeded");
            Counts after = counts(boltPort);
            assertThat(after.nodes()).isEqualTo(10_000);
            assertThat(after.renamed()).isEqualTo(10_000);
            assertThat(after.journal()).isZero();
        } finally {
            app.destroy();
            if (!app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) app.destroyForcibly().waitFor();
        }
    }

    /** Waits until the job has written at least {@code rows} rows but not all, then kills the process (SIGKILL). */
    private void killMidImport(Process app, int port, String id, long rows) throws Exception {
        JsonNode job = poll(port, id);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!(job.get("status").asString().equals("running") && job.get("rowsDone").asLong() >= rows)) {
            assertThat(job.get("status").asString()).as("the import ended before it could be killed: " + job).isIn("queued", "running");
            assertThat(System.nanoTime()).as("import never made progress: " + job).isLessThan(deadline);
            Thread.sleep(20);
            job = poll(port, id);
        }
        app.destroyForcibly();
        assertThat(app.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(job.get("rowsDone").asLong()).as("killed after the end").isLessThan(job.get("rowsTotal").asLong());
    }

    private Process start(Path data, int httpPort, int boltPort, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), FiliereApplication.class.getName(),
                "--server.port=" + httpPort, "--filiere.embedded.data-dir=" + data, "--filiere.embedded.bolt-port=" + boltPort,
                "--filiere.dataset.autoload=false", "--filiere.admin.password=" + PASSWORD,
                "--filiere.import.work-dir=" + data.resolveSibling("work")));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("the app stopped during start-up; see " + log + ":\n" + tail(log)).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) return p;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        p.destroyForcibly().waitFor();
        throw new AssertionError("The app did not start within 3 minutes:\n" + tail(log));
    }

    /** The Bolt port the embedded database actually listens on (it picks another if the preferred one is taken). */
    private static int boltPort(Path log) throws IOException {
        var m = java.util.regex.Pattern.compile("Bolt at bolt://localhost:(\\d+)").matcher(Files.readString(log));
        assertThat(m.find()).as("no Bolt port in " + log).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private String upload(int port, String dataset, Path files) throws Exception {
        MultipartBody body = new MultipartBody().field("dataset", dataset).file("nodes", files.resolve("nodes.csv"))
                .file("relationships", files.resolve("relationships.csv"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", body.contentType()).POST(body.publisher()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("id").asString();
    }

    private JsonNode poll(int port, String id) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode await(int port, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        JsonNode job = poll(port, id);
        while (!job.get("status").asString().equals("succeeded") && !job.get("status").asString().equals("failed")) {
            assertThat(System.nanoTime()).as("import still " + job).isLessThan(deadline);
            Thread.sleep(200);
            job = poll(port, id);
        }
        return job;
    }

    private static Counts counts(int boltPort) {
        try (Driver driver = GraphDatabase.driver("bolt://localhost:" + boltPort, AuthTokens.none());
             var session = driver.session()) {
            return session.executeRead(tx -> new Counts(
                    tx.run("MATCH (n:Entity) RETURN count(n)").single().get(0).asLong(),
                    tx.run("MATCH (:Entity)-[r]->(:Entity) RETURN count(r)").single().get(0).asLong(),
                    tx.run("MATCH (n:Entity) WHERE n.name STARTS WITH 'Original Firm' RETURN count(n)").single().get(0).asLong(),
                    tx.run("MATCH (n:Entity) WHERE n.name STARTS WITH 'Renamed Firm' RETURN count(n)").single().get(0).asLong(),
                    tx.run("MATCH (n) WHERE n:__ImportUndo OR n:__ImportJob RETURN count(n)").single().get(0).asLong()));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            return s.getLocalPort();
        }
    }

}

package org.filiere.importing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Uploads files to a running Filière and follows the import job with a progress bar
 * (docs/importing.md, "Command line"):
 * <pre>
 * FILIERE_ADMIN_PASSWORD=… java -cp filiere.jar -Dloader.main=org.filiere.importing.ImportCli \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --url http://localhost:8080 --dataset my-suppliers \
 *     (--nodes nodes.csv --relationships relationships.csv | --file suppliers.csv --mapping mapping.json | --ftm entities.json)
 * </pre>
 * Exit status: 0 imported, 1 rejected or failed (errors printed), 2 usage or connection problem.
 */
public final class ImportCli {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImportCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> opts;
        try {
            opts = options(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            usage(err);
            return 2;
        }
        String url = opts.getOrDefault("url", env.getOrDefault("FILIERE_URL", "http://localhost:8080")).replaceAll("/+$", "");
        String user = opts.getOrDefault("user", env.getOrDefault("FILIERE_ADMIN_USER", "admin"));
        String password = env.get("FILIERE_ADMIN_PASSWORD");
        String dataset = opts.get("dataset");
        if (dataset == null || password == null || password.isBlank()) {
            err.println(dataset == null ? "--dataset is required." : "Set FILIERE_ADMIN_PASSWORD to the password of user '" + user + "'.");
            usage(err);
            return 2;
        }
        long pollMillis = Long.parseLong(opts.getOrDefault("poll-ms", "500"));
        MultipartBody body = new MultipartBody().field("dataset", dataset);
        if (opts.containsKey("encoding")) body.field("encoding", opts.get("encoding"));
        int files = 0;
        try {
            for (String part : new String[]{"nodes", "relationships", "file", "mapping", "ftm"}) {
                if (opts.containsKey(part)) {
                    Path p = Path.of(opts.get(part));
                    if (!Files.isReadable(p)) {
                        err.println("Cannot read " + p + " (--" + part + ").");
                        return 2;
                    }
                    body.file(part, p);
                    files++;
                }
            }
        } catch (IOException e) {
            err.println("Cannot read a file: " + e.getMessage());
            return 2;
        }
        if (files == 0) {
            err.println("Give the files to import.");
            usage(err);
            return 2;
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            err.println("Uploading to " + url + " …");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/imports"))
                    .header("Authorization", auth).header("Content-Type", body.contentType()).POST(body.publisher()).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json(r.body());
            if (r.statusCode() != 202) {
                err.println("Refused (" + r.statusCode() + "): " + (answer != null && answer.has("detail") ? answer.get("detail").asString() : r.body()));
                printErrors(answer, err);
                return r.statusCode() == 401 || r.statusCode() >= 500 ? 2 : 1;
            }
            String id = answer.get("id").asString();
            err.println("Job " + id + " accepted: " + answer.get("rowsTotal").asLong() + " rows to import.");
            JsonNode job = answer;
            while (true) {
                String status = job.get("status").asString();
                err.print("\r" + bar(job));
                if (status.equals("succeeded") || status.equals("failed")) break;
                Thread.sleep(pollMillis);
                HttpResponse<String> poll = http.send(HttpRequest.newBuilder(URI.create(url + "/api/imports/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (poll.statusCode() != 200) {
                    err.println();
                    err.println("Lost the job (" + poll.statusCode() + "): " + poll.body());
                    return 2;
                }
                job = json(poll.body());
            }
            err.println();
            out.printf(Locale.ROOT, "%s: %s — nodes %d created, %d matched; relationships %d created, %d matched; %d flagged as possibly the same; %d skipped%n",
                    dataset, job.get("status").asString(), job.get("nodes").get("created").asLong(), job.get("nodes").get("matched").asLong(),
                    job.get("relationships").get("created").asLong(), job.get("relationships").get("matched").asLong(),
                    job.get("flagged").asLong(), job.get("skipped").asLong());
            printErrors(job, err);
            return job.get("status").asString().equals("succeeded") ? 0 : 1;
        } catch (ConnectException e) {
            err.println("Cannot connect to " + url + ": is Filière running there?");
            return 2;
        } catch (IOException e) {
            err.println("Upload failed: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    /** {@code [##########----------]  50%  500/1,000 rows  running} */
    static String bar(JsonNode job) {
        long done = job.get("rowsDone").asLong();
        long total = job.get("rowsTotal").asLong();
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / Math.max(1, total));
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d/%,d rows  %-9s", "#".repeat(filled), "-".repeat(width - filled),
                total == 0 ? 100 : 100 * done / total, done, total, job.get("status").asString());
    }

    private static void printErrors(JsonNode answer, PrintStream err) {
        if (answer == null || !answer.has("errors")) return;
        for (JsonNode e : answer.get("errors")) {
            StringBuilder where = new StringBuilder();
            if (!e.path("file").isNull() && !e.path("file").isMissingNode()) where.append(e.get("file").asString());
            if (e.path("row").isNumber()) where.append(" row ").append(e.get("row").asInt());
            if (e.path("column").isString()) where.append(" column ").append(e.get("column").asString());
            if (e.path("value").isString()) where.append(" value '").append(e.get("value").asString()).append("'");
            err.println("  " + (where.length() > 0 ? where.toString().strip() + ": " : "") + e.path("message").asString());
        }
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("Unexpected argument " + args[i]);
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

    private static void usage(PrintStream err) {
        err.println("""
                usage: ImportCli [--url http://localhost:8080] [--user admin] --dataset NAME
                         (--nodes nodes.csv [--relationships relationships.csv] | --file data.csv --mapping mapping.json | --ftm entities.json)
                         [--encoding windows-1252]   (of CSV files that are not UTF-8)
                       The password comes from FILIERE_ADMIN_PASSWORD.""");
    }
}

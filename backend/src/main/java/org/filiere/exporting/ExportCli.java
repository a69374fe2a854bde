package org.filiere.exporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Downloads an export from a running Filière to a file, streamed, with a byte counter:
 * <pre>
 * java -cp filiere.jar -Dloader.main=org.filiere.exporting.ExportCli org.springframework.boot.loader.launch.PropertiesLauncher \
 *     [--url http://localhost:8080] --format graphml|cyjs|csv|ftm [--traversal "graph/tiers/renault-tanger?depth=2"] --out FILE
 * </pre>
 * Without {@code --traversal} it exports the whole graph. Reads are public, so no credentials. The
 * file appears only once the download is complete (written to a temporary file, then moved).
 * Exit status: 0 written, 1 refused by the server (its problem detail printed), 2 usage or connection problem.
 */
public final class ExportCli {

    private ExportCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("Unexpected argument " + args[i]);
                usage(err);
                return 2;
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        String format = opts.get("format");
        String out = opts.get("out");
        if (format == null || out == null) {
            err.println("--format and --out are required.");
            usage(err);
            return 2;
        }
        String url = opts.getOrDefault("url", env.getOrDefault("FILIERE_URL", "http://localhost:8080")).replaceAll("/+$", "");
        String traversal = opts.get("traversal");
        String encodedFormat = URLEncoder.encode(format, StandardCharsets.UTF_8);
        String target = traversal == null ? url + "/api/export?format=" + encodedFormat
                : url + "/api/" + traversal.replaceFirst("^/?(api/)?", "") + (traversal.contains("?") ? "&" : "?") + "format=" + encodedFormat;
        Path file = Path.of(out);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(target)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                try (InputStream body = r.body()) {
                    err.println("Refused (" + r.statusCode() + "): " + new String(body.readNBytes(4096), StandardCharsets.UTF_8));
                }
                return 1;
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".part");
            long bytes = 0;
            try (InputStream in = r.body(); OutputStream o = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[1 << 16];
                long nextReport = 1 << 20;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    o.write(buffer, 0, n);
                    bytes += n;
                    if (bytes >= nextReport) {
                        err.printf(Locale.ROOT, "\r%,d bytes", bytes);
                        nextReport += 1 << 20;
                    }
                }
            } catch (IOException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            err.printf(Locale.ROOT, "\rWrote %,d bytes to %s%n", bytes, file);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot export from " + target + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static void usage(PrintStream err) {
        err.println("usage: ExportCli [--url http://localhost:8080] --format graphml|cyjs|csv|ftm "
                + "[--traversal graph/tiers/ID?depth=2] --out FILE");
    }
}

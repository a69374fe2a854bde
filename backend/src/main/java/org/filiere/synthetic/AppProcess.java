package org.filiere.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application jar started as a child process on a loaded store, the way it runs in
 * production (one JVM for the app and its embedded Neo4j), so that the benchmark's own JVM does
 * not share its heap or GC with it. Stopped with SIGTERM (graceful shutdown), by its own PID.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    final int httpPort;
    final int boltPort;
    final List<String> command;

    private AppProcess(Process process, int httpPort, int boltPort, List<String> command) {
        this.process = process;
        this.httpPort = httpPort;
        this.boltPort = boltPort;
        this.command = command;
    }

    /**
     * @param jvmOptions e.g. {@code -Xms8g -Xmx8g}
     * @param log        the app's stdout and stderr go here
     */
    static AppProcess start(Path jar, Path store, String pageCache, List<String> jvmOptions, Path log) throws IOException {
        int http = freePort();
        int bolt = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FILIERE_DATA_DIR", store.toAbsolutePath().toString());
        builder.environment().put("PORT", String.valueOf(http));
        builder.environment().put("FILIERE_BOLT_PORT", String.valueOf(bolt));
        builder.environment().remove("NEO4J_URI");
        if (pageCache != null) builder.environment().put("FILIERE_PAGE_CACHE", pageCache);
        else builder.environment().remove("FILIERE_PAGE_CACHE");
        Files.createDirectories(log.toAbsolutePath().getParent());
        AppProcess app = new AppProcess(builder.start(), http, bolt, command);
        try {
            app.awaitUp(Duration.ofMinutes(10));
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String api() {
        return "http://localhost:" + httpPort;
    }

    String bolt() {
        return "bolt://localhost:" + boltPort;
    }

    long pid() {
        return process.pid();
    }

    private void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The app exited with code " + process.exitValue() + " before it was up");
            }
            try {
                Benchmark.Answer r = Benchmark.get(api() + "/actuator/health", Duration.ofSeconds(5));
                if (r.status() == 200 && r.text().contains("\"UP\"")) return;
            } catch (IOException e) {
                // not listening yet
            }
            sleep(500);
        }
        throw new IllegalStateException("The app was not up after " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

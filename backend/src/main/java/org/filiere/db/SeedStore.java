package org.filiere.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A store prepared by the build: the packaging step starts the app once on an empty data directory
 * (to record the class-data archive), which applies the migrations and loads the IPEMED dataset,
 * and keeps that directory beside the unpacked jar as {@code seed/}. A first start on an empty data
 * directory copies it instead of repeating that work (a few MB, milliseconds instead of seconds of
 * cold Cypher planning). Nothing else changes: migrations and the dataset loader still run and find
 * everything recorded, and a dataset whose files changed since the build is reloaded as usual.
 */
final class SeedStore {

    private static final Logger log = LoggerFactory.getLogger(SeedStore.class);
    static final String DIRECTORY = "seed";

    private SeedStore() {
    }

    /** The seed beside the running jar, if the app runs from a jar that has one. */
    static Optional<Path> besideRunningJar() {
        try {
            var source = SeedStore.class.getProtectionDomain().getCodeSource();
            if (source == null || !"file".equals(source.getLocation().getProtocol())) return Optional.empty();
            Path location = Path.of(source.getLocation().toURI());
            if (!location.getFileName().toString().endsWith(".jar")) return Optional.empty();
            return Optional.of(location.resolveSibling(DIRECTORY));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Copies the seed's {@code data/} into {@code home} when {@code home} holds no database yet and
     * the seed holds one. Returns whether it copied. The copy goes to a temporary sibling first and
     * is moved into place, so an interrupted copy never leaves a half store that would be opened.
     */
    static boolean copyIfFirstStart(Path seed, Path home) {
        Path seedData = seed.resolve("data");
        Path data = home.resolve("data");
        if (!Files.isDirectory(seedData.resolve("databases").resolve("neo4j"))) return false;
        if (Files.exists(data)) return false;
        try {
            if (seed.toRealPath().equals(home.toAbsolutePath().normalize())) return false;
            Files.createDirectories(home);
            Path partial = Files.createTempDirectory(home, "data-from-seed-");
            long started = System.nanoTime();
            copyTree(seedData, partial);
            Files.move(partial, data, StandardCopyOption.ATOMIC_MOVE);
            log.info("First start: copied the store prepared by the build from {} ({} ms)", seed,
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the prepared store from " + seed + " to " + home, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // The lock belongs to the process that wrote the seed.
                if (!file.getFileName().toString().equals("store_lock")) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

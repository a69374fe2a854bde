package org.filiere.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A first start copies the store the build prepared; any other start leaves the data alone. */
class SeedStoreTest {

    @Test
    void a_first_start_opens_a_copy_of_the_prepared_store_and_later_starts_keep_their_own_data(
            @TempDir Path seed, @TempDir Path home) {
        try (EmbeddedNeo4j db = EmbeddedNeo4j.start(seed, 0, null)) {
            run(db, "CREATE (:Entity {id: 'seeded', name: 'From the build'})");
        }

        assertThat(SeedStore.copyIfFirstStart(seed, home)).isTrue();
        try (EmbeddedNeo4j db = EmbeddedNeo4j.start(home, 0, null)) {
            assertThat(names(db)).isEqualTo("From the build");
            run(db, "MATCH (n:Entity {id: 'seeded'}) SET n.name = 'Curated since'");
        }

        // The data directory exists now: a second start must never overwrite it with the seed.
        assertThat(SeedStore.copyIfFirstStart(seed, home)).isFalse();
        try (EmbeddedNeo4j db = EmbeddedNeo4j.start(home, 0, null)) {
            assertThat(names(db)).isEqualTo("Curated since");
        }
        assertThat(home.resolve("data").resolve("databases").resolve("store_lock")).exists();
    }

    @Test
    void a_seed_without_a_store_or_the_data_directory_itself_is_not_copied(@TempDir Path empty, @TempDir Path home)
            throws Exception {
        assertThat(SeedStore.copyIfFirstStart(empty, home)).isFalse();
        assertThat(home.resolve("data")).doesNotExist();

        Files.createDirectories(home.resolve("data/databases/neo4j"));
        assertThat(SeedStore.copyIfFirstStart(home, home)).isFalse();
    }

    private static void run(EmbeddedNeo4j db, String cypher) {
        db.managementService().database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally(cypher);
    }

    private static String names(EmbeddedNeo4j db) {
        return db.managementService().database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally(
                "MATCH (n:Entity {id: 'seeded'}) RETURN n.name AS name", java.util.Map.of(),
                r -> r.next().get("name").toString());
    }
}

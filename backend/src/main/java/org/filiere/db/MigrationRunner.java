package org.filiere.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@code cypher/migrations/V###__*.cypher} once each, in version order, and records each in
 * the graph as a {@code :__Migration} node with its checksum. A recorded migration whose file has
 * since changed stops the start-up: schema history is append-only.
 */
public class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private final Neo4jClient client;
    private final String location;

    public MigrationRunner(Neo4jClient client, String location) {
        this.client = client;
        this.location = location;
    }

    public List<Migration> load() {
        try {
            List<Migration> migrations = new ArrayList<>();
            for (Resource r : new PathMatchingResourcePatternResolver().getResources(location + "/*.cypher")) {
                String name = r.getFilename();
                if (name != null && Migration.isMigrationFile(name)) {
                    migrations.add(Migration.parse(name, r.getContentAsString(StandardCharsets.UTF_8)));
                }
            }
            if (migrations.isEmpty()) {
                throw new MigrationException("No migration files (V###__description.cypher) at " + location
                        + ": the graph schema cannot be set up.");
            }
            migrations.sort(Comparator.comparingInt(Migration::version));
            for (int i = 1; i < migrations.size(); i++) {
                if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                    throw new MigrationException("Two migration files share version " + migrations.get(i).version()
                            + ": " + migrations.get(i - 1).fileName() + " and " + migrations.get(i).fileName());
                }
            }
            return migrations;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migrations from " + location, e);
        }
    }

    /** @return the migrations applied by this call (empty when the graph was up to date) */
    public List<Migration> migrate() {
        client.query("CREATE CONSTRAINT filiere_migration_version IF NOT EXISTS FOR (m:__Migration) REQUIRE m.version IS UNIQUE")
                .run();
        List<Migration> applied = new ArrayList<>();
        for (Migration migration : load()) {
            Optional<String> recorded = client.query("MATCH (m:__Migration {version: $version}) RETURN m.checksum AS checksum")
                    .bind(migration.version()).to("version")
                    .fetchAs(String.class).one();
            if (recorded.isPresent()) {
                if (!recorded.get().equals(migration.checksum())) {
                    throw new MigrationException("Migration " + migration.fileName() + " was changed after it was applied "
                            + "(recorded checksum " + recorded.get().substring(0, 12) + "…, file now "
                            + migration.checksum().substring(0, 12) + "…). Applied migrations are never edited: "
                            + "revert the file and add a new V###__ file instead.");
                }
                continue;
            }
            log.info("Applying migration {} ({} statements)", migration.fileName(), migration.statements().size());
            // Schema and data statements cannot share a transaction, so each runs on its own;
            // every statement in a migration must therefore be idempotent (IF NOT EXISTS, MERGE).
            for (String statement : migration.statements()) {
                client.query(statement).run();
            }
            client.query("""
                    CREATE (m:__Migration {version: $version})
                    SET m.description = $description, m.file = $file, m.checksum = $checksum, m.appliedAt = $appliedAt
                    """)
                    .bindAll(Map.of("version", migration.version(), "description", migration.description(),
                            "file", migration.fileName(), "checksum", migration.checksum(),
                            "appliedAt", ZonedDateTime.now()))
                    .run();
            applied.add(migration);
        }
        if (applied.isEmpty()) {
            log.info("Graph schema is up to date");
        }
        return applied;
    }
}

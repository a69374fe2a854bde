package org.filiere.db;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.neo4j.core.DatabaseSelectionProvider;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.neo4j.core.transaction.Neo4jBookmarkManager;
import org.springframework.util.StringUtils;

/**
 * Brings the graph up to date before the web server accepts requests: schema migrations first,
 * then the {@link GraphInitializer}s (seed datasets) in order. A failure here aborts start-up, and
 * the embedded DBMS is shut down with the context.
 */
@Configuration(proxyBeanMethods = false)
class GraphInitialization {

    /** {@code NEO4J_DATABASE} names the database on an external server; unset means the server's default. */
    @Bean
    DatabaseSelectionProvider databaseSelectionProvider(@Value("${NEO4J_DATABASE:}") String database) {
        return StringUtils.hasText(database)
                ? DatabaseSelectionProvider.createStaticDatabaseSelectionProvider(database)
                : DatabaseSelectionProvider.getDefaultSelectionProvider();
    }

    /** One bookmark manager for the application's transactions and the timed reads, so reads follow writes in a cluster. */
    @Bean
    Neo4jBookmarkManager neo4jBookmarkManager() {
        return Neo4jBookmarkManager.create();
    }

    /**
     * Only warnings from the server, not its performance hints: the hints (e.g. "cartesian product"
     * for two unique-id lookups in one MATCH) were logged by Spring Data Neo4j on every paths
     * request — 4,665 multi-line INFO entries in one benchmark run — and say nothing an operator
     * can act on. Warnings (an unknown label or property) still reach the log.
     */
    @Bean
    org.springframework.boot.neo4j.autoconfigure.ConfigBuilderCustomizer warningsOnly() {
        return builder -> builder.withMinimumNotificationSeverity(org.neo4j.driver.NotificationSeverity.WARNING);
    }

    @Bean
    MigrationRunner migrationRunner(Neo4jClient client, @Value("${filiere.migrations.location}") String location) {
        return new MigrationRunner(client, location);
    }

    @Bean
    SmartInitializingSingleton graphInitializationOnStartup(MigrationRunner migrations, ObjectProvider<GraphInitializer> initializers) {
        return () -> {
            migrations.migrate();
            initializers.orderedStream().forEach(GraphInitializer::initialize);
        };
    }
}

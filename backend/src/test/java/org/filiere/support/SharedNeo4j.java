package org.filiere.support;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * One in-process Neo4j (neo4j-harness) for the whole test JVM: tests talk to it over Bolt,
 * exactly as the application talks to a real server.
 */
public final class SharedNeo4j {

    private static Neo4j instance;

    private SharedNeo4j() {
    }

    public static synchronized Neo4j get() {
        if (instance == null) {
            instance = Neo4jBuilders.newInProcessBuilder()
                    .withDisabledServer()
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    // As in the app's embedded DBMS: timeouts enforced within 100 ms, not the default 2 s.
                    .withConfig(org.neo4j.configuration.GraphDatabaseSettings.transaction_monitor_check_interval, java.time.Duration.ofMillis(100))
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "shared-neo4j-shutdown"));
        }
        return instance;
    }

    public static String boltUri() {
        return get().boltURI().toString();
    }
}

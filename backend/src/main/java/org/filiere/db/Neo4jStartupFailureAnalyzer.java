package org.filiere.db;

import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns the usual ways of failing to reach Neo4j into a few readable lines instead of a stack trace.
 * Boot prints the analysis and logs the exception only at debug level.
 */
class Neo4jStartupFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    Neo4jStartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        String uri = environment.getProperty("NEO4J_URI", "(embedded)");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException || t instanceof SecurityException) {
                return new FailureAnalysis("Neo4j at " + uri + " refused the credentials: " + t.getMessage(),
                        "Check NEO4J_USERNAME and NEO4J_PASSWORD.", failure);
            }
            if (t instanceof ServiceUnavailableException) {
                return new FailureAnalysis("Neo4j at " + uri + " cannot be reached: " + t.getMessage(),
                        "Check that the server is running and that NEO4J_URI is right (bolt://host:7687 for one "
                                + "server, neo4j://host:7687 for a cluster), or unset NEO4J_URI to use the embedded database.",
                        failure);
            }
            if (t instanceof org.neo4j.io.locker.FileLockException) {
                return new FailureAnalysis("The embedded database directory is in use by another process: " + t.getMessage(),
                        "Stop the other Filière (or Neo4j) using it, or point FILIERE_DATA_DIR at another directory.", failure);
            }
            if (t instanceof MigrationException) {
                return new FailureAnalysis(t.getMessage(),
                        "Restore the applied migration file, or start from an empty database.", failure);
            }
        }
        return null;
    }
}

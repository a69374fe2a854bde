package org.filiere.graph;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.function.Function;

/**
 * Every read runs here: in a read-only transaction (routed to readers in a cluster, refused by the
 * server if a query tries to write) with a server-side timeout, so a runaway traversal is stopped
 * by Neo4j and answered with 503 rather than holding a thread.
 */
@Component
public class ReadQueries {

    private final Neo4jClient client;
    private final TransactionTemplate template;
    private final long timeoutNanos;

    public ReadQueries(Neo4jClient client, PlatformTransactionManager transactions,
                       @Value("${filiere.query.timeout:10s}") Duration timeout) {
        this.client = client;
        this.template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        template.setTimeout((int) Math.max(1, timeout.toSeconds()));
        this.timeoutNanos = Duration.ofSeconds(Math.max(1, timeout.toSeconds())).toNanos();
    }

    public <T> T read(Function<Neo4jClient, T> work) {
        long start = System.nanoTime();
        try {
            return template.execute(status -> work.apply(client));
        } catch (RuntimeException e) {
            // When the server terminates a timed-out transaction at the wrong moment, the driver reports
            // a closed transaction instead of the timeout itself; past the timeout, that is the timeout.
            if (System.nanoTime() - start >= timeoutNanos && !(e instanceof org.neo4j.driver.exceptions.Neo4jException)) {
                throw new QueryTimedOutException(e);
            }
            throw e;
        }
    }

    /** A read stopped by the transaction timeout, reported by the driver as something else. */
    public static final class QueryTimedOutException extends RuntimeException {
        QueryTimedOutException(Throwable cause) {
            super("The query was stopped by the transaction timeout.", cause);
        }
    }
}

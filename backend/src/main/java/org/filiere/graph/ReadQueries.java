package org.filiere.graph;

import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.neo4j.core.DatabaseSelectionProvider;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.neo4j.core.convert.Neo4jConversions;
import org.springframework.data.neo4j.core.transaction.Neo4jBookmarkManager;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.function.Function;

/**
 * Every read runs here: in a read-only transaction (routed to readers in a cluster, refused by the
 * server if a query tries to write) with a server-side timeout, so a runaway traversal is stopped
 * by Neo4j and answered with 503 rather than holding a thread. The reads have their own client and
 * transaction manager over a {@link TimedReadDriver}, so the timeout keeps its milliseconds; they
 * share the application's bookmark manager, so in a cluster a read still sees the writes before it.
 */
@Component
public class ReadQueries {

    private final Neo4jClient client;
    private final TransactionTemplate template;
    private final long timeoutNanos;

    public ReadQueries(Driver driver, DatabaseSelectionProvider databases, Neo4jBookmarkManager bookmarks,
                       Neo4jConversions conversions, @Value("${filiere.query.timeout:10s}") Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("filiere.query.timeout must be positive, was " + timeout);
        }
        Driver timed = TimedReadDriver.wrap(driver, timeout);
        this.client = Neo4jClient.with(timed).withDatabaseSelectionProvider(databases)
                .withNeo4jBookmarkManager(bookmarks).withNeo4jConversions(conversions).build();
        this.template = new TransactionTemplate(Neo4jTransactionManager.with(timed)
                .withDatabaseSelectionProvider(databases).withBookmarkManager(bookmarks).build());
        template.setReadOnly(true);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.timeoutNanos = timeout.toNanos();
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

    /** Whether this failure (or one of its causes) is a read stopped by the transaction timeout. */
    public static boolean stoppedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof QueryTimedOutException
                    || t instanceof org.neo4j.driver.exceptions.Neo4jException n && n.code() != null && n.code().contains("TransactionTimedOut")) {
                return true;
            }
        }
        return false;
    }

    /** A read stopped by the transaction timeout, reported by the driver as something else. */
    public static final class QueryTimedOutException extends RuntimeException {
        QueryTimedOutException(Throwable cause) {
            super("The query was stopped by the transaction timeout.", cause);
        }
    }
}

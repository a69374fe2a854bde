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

    public ReadQueries(Neo4jClient client, PlatformTransactionManager transactions,
                       @Value("${filiere.query.timeout:10s}") Duration timeout) {
        this.client = client;
        this.template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        template.setTimeout((int) Math.max(1, timeout.toSeconds()));
    }

    public <T> T read(Function<Neo4jClient, T> work) {
        return template.execute(status -> work.apply(client));
    }
}

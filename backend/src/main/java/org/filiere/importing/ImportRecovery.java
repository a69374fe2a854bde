package org.filiere.importing;

import org.filiere.db.GraphInitializer;
import org.springframework.core.annotation.Order;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/** Before anything else reads the graph, undoes a large import that a crash interrupted ({@link Journal}). */
@Component
@Order(-10)
class ImportRecovery implements GraphInitializer {

    private final Neo4jClient client;

    ImportRecovery(Neo4jClient client) {
        this.client = client;
    }

    @Override
    public void initialize() {
        Journal.recover(client);
    }
}

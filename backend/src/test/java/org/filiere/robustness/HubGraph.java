package org.filiere.robustness;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

import java.util.Map;

/**
 * A second in-process Neo4j (the shared one holds the IPEMED data that other tests count) with the
 * shapes that hurt graph tools: a buyer with 120,000 suppliers, a country with 120,000 firms located
 * in it, and a dense core of 3,000 firms with 15 supply links each, wired to the hub, for the
 * expensive-request tests. Built once per test JVM.
 */
final class HubGraph {

    static final int HUB_SUPPLIERS = 120_000;
    static final int DENSE_FIRMS = 3_000;
    static final int DENSE_DEGREE = 15;

    private static Neo4j instance;

    private HubGraph() {
    }

    static synchronized String boltUri() {
        if (instance == null) {
            instance = Neo4jBuilders.newInProcessBuilder()
                    .withDisabledServer()
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    // Timeouts enforced within 10 ms (the app's embedded DBMS: 100 ms; Neo4j's default 2 s), so that
                    // ExpensiveRequestTimeoutTest's 100 ms budget ends its request at 100-110 ms. With a 100 ms check
                    // the cut came anywhere up to 200 ms, and one CI run's request finished before it.
                    .withConfig(org.neo4j.configuration.GraphDatabaseSettings.transaction_monitor_check_interval, java.time.Duration.ofMillis(10))
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "hub-graph-shutdown"));
            try (Driver driver = GraphDatabase.driver(instance.boltURI(), AuthTokens.none()); var session = driver.session()) {
                // The same constraint as migration V001 (which the app then finds in place): without it each row's MATCH scans.
                session.run("CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE").consume();
                session.run("""
                        CREATE (:Entity:Company {id: 'hub-motors', name: 'Hub Motors', type: 'Company', country: 'FR',
                                normalisedName: 'hub motors', aliasText: '', aliases: [], document: 'fixture'})
                        CREATE (:Entity:Country {id: 'country-ma', name: 'Morocco', type: 'Country', normalisedName: 'morocco',
                                aliasText: '', aliases: []})
                        """).consume();
                session.run("""
                        UNWIND range(1, $n) AS i
                        CALL (i) {
                          MATCH (hub:Entity {id: 'hub-motors'}), (ma:Entity {id: 'country-ma'})
                          CREATE (f:Entity:Company {id: 'supplier-' + i, name: 'Supplier ' + i, type: 'Company', country: 'MA',
                                  normalisedName: 'supplier ' + i, aliasText: '', aliases: []})
                          CREATE (f)-[:SUPPLIES {id: 'supplier-' + i + '.SUPPLIES.hub-motors', tier: 1}]->(hub)
                          CREATE (f)-[:LOCATED_IN {id: 'supplier-' + i + '.LOCATED_IN.country-ma'}]->(ma)
                        } IN TRANSACTIONS OF 20000 ROWS
                        """, Map.of("n", HUB_SUPPLIERS)).consume();
                // The dense core: firm i supplies the next DENSE_DEGREE firms (mod n) and everyone's suppliers
                // are also supplier-i, so every traversal from the core meets the hub within two hops.
                session.run("""
                        UNWIND range(1, $n) AS i
                        CALL (i) {
                          MATCH (s:Entity {id: 'supplier-' + i})
                          CREATE (d:Entity:Company {id: 'dense-' + i, name: 'Dense ' + i, type: 'Company', country: 'TN',
                                  normalisedName: 'dense ' + i, aliasText: '', aliases: []})
                          CREATE (d)-[:SUPPLIES {id: 'dense-' + i + '.SUPPLIES.supplier-' + i}]->(s)
                        } IN TRANSACTIONS OF 5000 ROWS
                        """, Map.of("n", DENSE_FIRMS)).consume();
                session.run("""
                        UNWIND range(1, $n) AS i
                        UNWIND range(1, $degree) AS j
                        WITH i, (i + j * 7) % $n + 1 AS k WHERE k <> i
                        CALL (i, k) {
                          MATCH (a:Entity {id: 'dense-' + i}), (b:Entity {id: 'dense-' + k})
                          CREATE (a)-[:SUPPLIES {id: 'dense-' + i + '.SUPPLIES.dense-' + k}]->(b)
                          CREATE (a)-[:PARTNER_OF {id: 'dense-' + i + '.PARTNER_OF.dense-' + k}]->(b)
                        } IN TRANSACTIONS OF 10000 ROWS
                        """, Map.of("n", DENSE_FIRMS, "degree", DENSE_DEGREE)).consume();
            }
        }
        return instance.boltURI().toString();
    }

    /**
     * Waits until every index is online. The app's migrations create the full-text and property
     * indexes when it starts on this graph; while they populate over 240,000 nodes the 2 cores are
     * busy and even a one-node lookup can take longer than a tight test timeout.
     */
    static void awaitIndexes() {
        try (Driver driver = GraphDatabase.driver(boltUri(), AuthTokens.none()); var session = driver.session()) {
            session.run("CALL db.awaitIndexes(600)").consume();
        }
    }
}

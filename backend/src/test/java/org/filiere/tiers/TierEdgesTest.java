package org.filiere.tiers;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.filiere.graph.Filters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub-aware tier edge query reads each link from a cheap end; whatever the mix of hubs in the
 * answer, it must return exactly the links the plain one returns (every link among the answer's
 * firms, read from each supplier), each once.
 */
class TierEdgesTest {

    private static final String EVERY_LINK = TiersService.edgeQuery(Filters.all());

    private static Neo4j neo4j;
    private static Driver driver;
    private static List<String> firms;

    @BeforeAll
    static void a_supply_graph_with_hubs_on_both_sides() {
        neo4j = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0).build();
        driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
        Random random = new Random(7);
        int n = 400;
        List<Map<String, Object>> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Firms 0-4 supply nearly everyone, firms 5-9 buy from nearly everyone, the rest a few.
            int degree = i < 5 ? 300 : 1 + random.nextInt(4);
            for (int k = 0; k < degree; k++) links.add(Map.of("s", i, "t", random.nextInt(n)));
        }
        for (int c = 5; c < 10; c++) {
            for (int k = 0; k < 300; k++) links.add(Map.of("s", random.nextInt(n), "t", c));
        }
        try (Session session = driver.session()) {
            session.run("UNWIND range(0, $n - 1) AS i CREATE (:Entity {id: 'firm-' + i})", Map.of("n", n)).consume();
            session.run("""
                    UNWIND $links AS link
                    MATCH (a:Entity {id: 'firm-' + link.s}), (b:Entity {id: 'firm-' + link.t})
                    CREATE (a)-[:SUPPLIES {id: randomUUID()}]->(b)
                    """, Map.of("links", links)).consume();
            // By firm number, so that firms.get(0..9) are the hubs built above.
            firms = session.run("MATCH (f:Entity) RETURN elementId(f) AS e ORDER BY toInteger(substring(f.id, 5))")
                    .list(r -> r.get("e").asString());
        }
    }

    @AfterAll
    static void stop() {
        driver.close();
        neo4j.close();
    }

    @Test
    void returns_exactly_the_links_among_the_answer_once_each_whatever_the_hubs_in_it() {
        Random random = new Random(11);
        String query = TiersService.hubAwareEdgeQuery(Filters.all());
        int hubLinksSeen = 0;
        Set<Boolean> hubPairSides = new HashSet<>();
        for (int round = 0; round < 40; round++) {
            Set<String> answer = new HashSet<>();
            // Some answers hold hubs of either kind, some none.
            if (round % 2 == 0) answer.add(firms.get(random.nextInt(10)));
            int size = 2 + random.nextInt(round < 20 ? 20 : 300);
            while (answer.size() < size) answer.add(firms.get(10 + random.nextInt(firms.size() - 10)));
            for (int hub : new int[] {2, TiersService.HUB_DEGREE}) {
                TiersService.LinkCost cost = new TiersService.LinkCost(hub);
                degrees(answer).forEach((eid, d) -> cost.add(eid, d[0], d[1]));
                Map<String, Object> params = new HashMap<>(cost.parameters());
                if (!((List<?>) params.get("hubSuppliers")).isEmpty() && !((List<?>) params.get("hubCustomers")).isEmpty()) {
                    hubPairSides.add(cost.hubPairsFromCustomers());
                }
                List<String> expected = links(EVERY_LINK, params);
                List<String> actual = links(query, params);
                assertThat(actual).as("round %d, hub degree %d", round, hub).hasSameSizeAs(expected)
                        .containsExactlyInAnyOrderElementsOf(expected);
                hubLinksSeen += expected.size();
            }
        }
        assertThat(hubLinksSeen).isGreaterThan(100);
        assertThat(hubPairSides).as("links between hubs read from either side").containsExactlyInAnyOrder(true, false);
    }

    @Test
    void reads_from_the_cheap_ends_only_when_that_reads_fewer_links() {
        TiersService.LinkCost small = new TiersService.LinkCost();
        for (int i = 0; i < 50; i++) small.add("f" + i, 3, 4);
        assertThat(small.hubAware()).as("no hub supplier").isFalse();

        TiersService.LinkCost oneBigSupplier = new TiersService.LinkCost();
        oneBigSupplier.add("hub", 20_000, 2);
        for (int i = 0; i < 50; i++) oneBigSupplier.add("f" + i, 3, 4);
        assertThat(oneBigSupplier.hubAware()).as("a supplier with 20,000 customers in a 51-firm answer").isTrue();

        TiersService.LinkCost manyCustomersWithManySuppliers = new TiersService.LinkCost();
        manyCustomersWithManySuppliers.add("hub", 150, 2);
        for (int i = 0; i < 50; i++) manyCustomersWithManySuppliers.add("f" + i, 1, 90);
        assertThat(manyCustomersWithManySuppliers.hubAware()).as("reading 50 x 90 supplier lists to spare 150 links").isFalse();

        TiersService.LinkCost hubsOnBothSides = new TiersService.LinkCost();
        hubsOnBothSides.add("big supplier", 20_000, 5);
        hubsOnBothSides.add("big buyer", 3, 400);
        for (int i = 0; i < 50; i++) hubsOnBothSides.add("f" + i, 3, 4);
        assertThat(hubsOnBothSides.hubAware()).as("a 20,000-customer supplier and a 400-supplier buyer").isTrue();
        assertThat(hubsOnBothSides.hubPairsFromCustomers()).as("400 supplier links read rather than 20,000 customer links").isTrue();
        assertThat(hubsOnBothSides.parameters().get("hubsForHubPairs")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
    }

    /** Supply links out of and into each firm, as the tier query returns them. */
    private static Map<String, long[]> degrees(Set<String> eids) {
        try (Session session = driver.session()) {
            Map<String, long[]> degrees = new HashMap<>();
            session.run("""
                    UNWIND $eids AS eid MATCH (x) WHERE elementId(x) = eid
                    RETURN eid, COUNT { (x)-[:SUPPLIES]->() } AS suppliesTo, COUNT { (x)<-[:SUPPLIES]-() } AS suppliedBy
                    """, Map.of("eids", List.copyOf(eids)))
                    .forEachRemaining(r -> degrees.put(r.get("eid").asString(),
                            new long[] {r.get("suppliesTo").asLong(), r.get("suppliedBy").asLong()}));
            return degrees;
        }
    }

    private static List<String> links(String query, Map<String, Object> params) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run(query, params)
                    .list(r -> r.get("r").asRelationship().elementId() + " " + r.get("source").asString() + ">" + r.get("target").asString()));
        }
    }
}

package org.filiere.scratch;

import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

class ProfileScratchTest extends HarnessTest {
    @Autowired Driver driver;

    @Test
    void profile() {
        String q = System.getProperty("q");
        try (var s = driver.session()) {
            long t = System.nanoTime();
            var summary = s.run(q, Map.of("from", "renault", "to", "hikma", "through", java.util.List.of("Company","JointVenture","Brand","Site","Institution","Programme","Cluster","Person"), "asOf", 0, "k", 5)).consume();
            System.out.println("TIME ms " + (System.nanoTime() - t) / 1_000_000);
            print(summary.profile(), 0);
        }
    }

    private void print(org.neo4j.driver.summary.ProfiledPlan p, int indent) {
        System.out.println("PLAN " + " ".repeat(indent) + p.operatorType() + " rows=" + p.records() + " hits=" + p.dbHits() + " " + p.arguments().getOrDefault("Details", org.neo4j.driver.Values.NULL));
        for (var c : p.children()) print(c, indent + 2);
    }
}

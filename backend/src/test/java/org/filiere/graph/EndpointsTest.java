package org.filiere.graph;

import org.filiere.support.SharedNeo4j;
import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsTest extends HarnessTest {

    @Test
    void every_ipemed_relationship_fits_the_direction_rules() {
        List<String> broken = new ArrayList<>();
        List<Map<String, Object>> rows = SharedNeo4j.get().defaultDatabaseService().executeTransactionally("""
                MATCH (a:Entity {dataset: 'ipemed'})-[r {dataset: 'ipemed'}]->(b:Entity {dataset: 'ipemed'})
                RETURN a.type AS s, type(r) AS t, b.type AS o, r.id AS id
                """, Map.of(), result -> result.stream().toList());
        assertThat(rows).hasSizeGreaterThan(800);
        for (Map<String, Object> row : rows) {
            Endpoints.problem(NodeType.valueOf((String) row.get("s")), RelType.valueOf((String) row.get("t")),
                    NodeType.valueOf((String) row.get("o"))).ifPresent(p -> broken.add(row.get("id") + ": " + p));
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void refuses_links_against_the_documented_direction() {
        assertThat(Endpoints.problem(NodeType.Sector, RelType.IN_SECTOR, NodeType.Company)).isPresent();
        assertThat(Endpoints.problem(NodeType.Company, RelType.BRAND_OF, NodeType.Brand)).get().asString()
                .contains("Brand → owner");
        assertThat(Endpoints.problem(NodeType.Company, RelType.MEMBER_OF, NodeType.Region)).isPresent();
        assertThat(Endpoints.problem(NodeType.Country, RelType.MEMBER_OF, NodeType.Region)).isEmpty();
        assertThat(Endpoints.problem(NodeType.Company, RelType.PARTNER_OF, NodeType.Institution)).isEmpty();
        assertThat(Endpoints.problem(NodeType.Company, RelType.SUPPLIES, NodeType.Country)).isPresent();
    }
}

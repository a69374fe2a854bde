package org.filiere.search;

import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.SharedNeo4j;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTextRefreshTest extends ApiTest {

    @Autowired
    SearchTextRefresh refresh;

    private static void run(String cypher) {
        SharedNeo4j.get().defaultDatabaseService().executeTransactionally(cypher);
    }

    @Test
    void a_graph_written_before_joined_words_were_indexed_finds_them_after_the_next_start() {
        // As an older Filière wrote it: the aliases only, and no record of the upgrade.
        run("MATCH (n:Entity {id: 'west-ward'}) SET n.aliasText = 'WEST-WARD'");
        run("MATCH (u:__Upgrade {name: '" + SearchTextRefresh.NAME + "'}) DELETE u");
        assertThat(api.get("/api/search?q=westward").body()).doesNotContain("\"west-ward\"");

        refresh.initialize();

        assertThat(api.get("/api/search?q=westward").json().get(0).get("id").asString()).isEqualTo("west-ward");
        assertThat(Graph.count("MATCH (u:__Upgrade {name: $n}) WHERE u.changed >= 1 RETURN count(u)", Map.of("n", SearchTextRefresh.NAME))).isEqualTo(1);
        // Done once: a text changed afterwards is left alone by the next start.
        run("MATCH (n:Entity {id: 'west-ward'}) SET n.aliasText = 'WEST-WARD'");
        refresh.initialize();
        assertThat(Graph.count("MATCH (n:Entity {id: 'west-ward'}) WHERE n.aliasText = 'WEST-WARD' RETURN count(n)")).isEqualTo(1);

        // Other tests share this graph: leave it as the start-up left it.
        run("MATCH (u:__Upgrade {name: '" + SearchTextRefresh.NAME + "'}) DELETE u");
        refresh.initialize();
        assertThat(api.get("/api/search?q=westward").json().get(0).get("id").asString()).isEqualTo("west-ward");
    }
}

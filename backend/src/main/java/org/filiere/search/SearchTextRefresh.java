package org.filiere.search;

import org.filiere.db.GraphInitializer;
import org.filiere.graph.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Brings the search text ({@code aliasText}) of a graph written by an older Filière up to what
 * {@link Names#aliasText} writes today, once, after the datasets are loaded: entities imported or
 * curated before a change to that text would otherwise stay unfindable by it (a hyphenated name
 * typed as one word). Pages of entities by id, each its own transaction, so a million entities
 * need no large transaction; only the entities whose text changes are written. Done when the
 * graph has the {@code :__Upgrade} node named {@link #NAME}.
 */
@Component
@Order(100)
class SearchTextRefresh implements GraphInitializer {

    static final String NAME = "aliasText-joined-words";

    private static final Logger log = LoggerFactory.getLogger(SearchTextRefresh.class);
    private static final int PAGE = 5_000;

    private static final String READ = """
            MATCH (n:Entity) WHERE n.id > $after
            RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases, n.aliasText AS text
            ORDER BY n.id LIMIT $page
            """;

    private static final String WRITE = """
            UNWIND $rows AS row
            MATCH (n:Entity {id: row.id})
            SET n.aliasText = row.text
            """;

    private final Neo4jClient client;
    private final TransactionTemplate tx;

    SearchTextRefresh(Neo4jClient client, PlatformTransactionManager transactions) {
        this.client = client;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public void initialize() {
        boolean done = client.query("MATCH (u:__Upgrade {name: $name}) RETURN count(u) > 0").bind(NAME).to("name")
                .fetchAs(Boolean.class).one().orElse(false);
        if (done) return;
        long started = System.nanoTime();
        String after = "";
        long changed = 0;
        while (after != null) {
            String from = after;
            long[] written = {0};
            after = tx.execute(status -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                String last = null;
                for (Map<String, Object> r : client.query(READ).bindAll(Map.of("after", from, "page", PAGE)).fetch().all()) {
                    last = (String) r.get("id");
                    List<String> aliases = ((List<?>) r.get("aliases")).stream().map(String::valueOf).toList();
                    String text = Names.aliasText((String) r.get("name"), aliases);
                    if (!Objects.equals(text, r.get("text"))) rows.add(Map.of("id", last, "text", text));
                }
                if (!rows.isEmpty()) client.query(WRITE).bind(rows).to("rows").run();
                written[0] = rows.size();
                return last;
            });
            changed += written[0];
        }
        client.query("MERGE (u:__Upgrade {name: $name}) SET u.at = datetime(), u.changed = $changed")
                .bindAll(Map.of("name", NAME, "changed", changed)).run();
        log.info("Search text brought up to date: {} entities changed in {} ms", changed, (System.nanoTime() - started) / 1_000_000);
    }
}

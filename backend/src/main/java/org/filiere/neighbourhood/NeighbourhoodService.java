package org.filiere.neighbourhood;

import org.filiere.graph.Elements;
import org.filiere.graph.Filters;
import org.filiere.graph.GraphView;
import org.filiere.graph.NotFoundException;
import org.filiere.graph.ReadQueries;
import org.neo4j.driver.Record;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neighbourhood of an entity, breadth-first, level by level. Each expanded node contributes at most
 * {@code limit} relationships, taken inside a {@code CALL} subquery with a {@code LIMIT}, so a
 * country with 100,000 firms costs the same as a small firm; the answer says how many were left out.
 */
@Service
public class NeighbourhoodService {

    private final ReadQueries reads;
    private final int maxNodes;

    public NeighbourhoodService(ReadQueries reads, @Value("${filiere.neighbourhood.max-nodes:2000}") int maxNodes) {
        this.reads = reads;
        this.maxNodes = maxNodes;
    }

    public GraphView neighbourhood(String id, int depth, int limit, int offset, Filters filters) {
        String query = levelQuery(filters);

        return reads.read(client -> {
            var focal = client.query(FOCAL_QUERY).bind(id).to("id")
                    .fetchAs(GraphView.Element.class).mappedBy((t, r) -> Elements.node(r.get("n").asNode())).one()
                    .orElseThrow(() -> new NotFoundException("No entity with id '" + id + "'."));
            Map<String, GraphView.Element> nodes = new LinkedHashMap<>();
            Map<String, GraphView.Element> edges = new LinkedHashMap<>();
            Map<String, Long> hidden = new HashMap<>();
            nodes.put(id, focal);
            List<String> frontier = List.of(id);
            boolean truncated = false;
            long hiddenTotal = 0;
            for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
                List<String> next = new ArrayList<>();
                Map<String, Object> params = new HashMap<>(filters.parameters());
                params.put("frontier", frontier);
                params.put("limit", limit);
                params.put("offset", level == 1 ? offset : 0);
                for (Record r : run(client, query, params)) {
                    String from = r.get("from").asString();
                    long shown = Math.min(limit, Math.max(0, r.get("degree").asLong() - (level == 1 ? offset : 0)));
                    long left = r.get("degree").asLong() - (level == 1 ? offset : 0) - shown;
                    if (left > 0 && hidden.putIfAbsent(from, left) == null) {
                        hiddenTotal += left;
                    }
                    if (r.get("r").isNull()) continue;
                    var m = r.get("m").asNode();
                    String mid = m.get("id").asString();
                    if (!nodes.containsKey(mid)) {
                        if (nodes.size() >= maxNodes) {
                            truncated = true;
                            continue;
                        }
                        nodes.put(mid, Elements.node(m));
                        next.add(mid);
                    }
                    var edge = Elements.edge(r.get("r").asRelationship(), r.get("source").asString(), r.get("target").asString());
                    edges.putIfAbsent(edge.id(), edge);
                }
                frontier = next;
            }
            hidden.forEach((nid, left) -> {
                GraphView.Element n = nodes.get(nid);
                if (n != null) n.data().put("hiddenNeighbours", left);
            });
            truncated |= hiddenTotal > 0;
            return new GraphView(List.copyOf(nodes.values()), List.copyOf(edges.values()), truncated,
                    new GraphView.Total(nodes.size() + hiddenTotal, edges.size() + hiddenTotal), null);
        });
    }

    // The statements are public so that the benchmark's raw-Cypher baseline runs exactly what the API runs.

    public static final String FOCAL_QUERY = "MATCH (n:Entity {id: $id}) RETURN n";

    /** One breadth-first level: for each node of {@code $frontier}, its degree and at most {@code $limit} relationships. */
    public static String levelQuery(Filters filters) {
        String pattern = "(c)-[r" + filters.typeExpression() + "]-(m:Entity)";
        // Without a property predicate the degree comes from the store (constant time, even for a
        // country with 100,000 links); a label on the far end would force reading every relationship.
        // Only :Entity nodes have relationships (bookkeeping nodes such as :__Dataset have none).
        String degree = filters.hasPropertyPredicate()
                ? "COUNT { MATCH " + pattern + " WHERE " + filters.predicate("r") + " }"
                : "COUNT { (c)-[r" + filters.typeExpression() + "]-() }";
        return """
                UNWIND $frontier AS fid
                MATCH (c:Entity {id: fid})
                WITH c, %s AS degree
                CALL (c) {
                  MATCH %s
                  WHERE %s
                  RETURN r, m SKIP $offset LIMIT $limit
                }
                RETURN c.id AS from, degree, r, startNode(r).id AS source, endNode(r).id AS target, m
                """.formatted(degree, pattern, filters.predicate("r"));
    }

    private static Collection<Record> run(Neo4jClient client, String query, Map<String, Object> params) {
        return client.query(query).bindAll(params).fetchAs(Record.class).mappedBy((t, r) -> r).all();
    }
}

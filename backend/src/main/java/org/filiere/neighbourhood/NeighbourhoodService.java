package org.filiere.neighbourhood;

import org.filiere.graph.Elements;
import org.filiere.graph.Filters;
import org.filiere.graph.GraphView;
import org.filiere.graph.NotFoundException;
import org.filiere.graph.ReadQueries;
import org.neo4j.driver.Record;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
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
        String first = firstLevelQuery(filters);
        String query = levelQuery(filters);

        return reads.read(client -> {
            Map<String, Object> params = new HashMap<>(filters.parameters());
            params.put("id", id);
            params.put("limit", limit);
            params.put("offset", offset);
            Record focal = client.query(first).bindAll(params).fetchAs(Record.class).mappedBy((t, r) -> r).one()
                    .orElseThrow(() -> new NotFoundException("No entity with id '" + id + "'."));
            Level view = new Level();
            view.nodes.put(id, Elements.node(focal.get("c").asNode()));
            List<String> next = new ArrayList<>();
            long focalDegree = focal.get("degree").asLong();
            view.degree(id, focalDegree - offset, limit);
            // The focus's links on earlier pages are part of the whole answer, though not of this page.
            long before = Math.min(offset, focalDegree);
            for (org.neo4j.driver.Value row : focal.get("rows").values()) {
                view.add(id, row.get("r").asRelationship(), row.get("m").asNode(), next);
            }
            List<String> frontier = next;
            for (int level = 2; level <= depth && !frontier.isEmpty(); level++) {
                next = new ArrayList<>();
                params.put("frontier", frontier);
                params.put("offset", 0);
                for (Record r : run(client, query, params)) {
                    view.degree(r.get("from").asString(), r.get("degree").asLong(), limit);
                    if (r.get("r").isNull()) continue;
                    view.add(r.get("from").asString(), r.get("r").asRelationship(), r.get("m").asNode(), next);
                }
                frontier = next;
            }
            view.hidden.forEach((nid, left) -> {
                GraphView.Element n = view.nodes.get(nid);
                if (n != null) n.data().put("hiddenNeighbours", left);
            });
            boolean truncated = view.truncated || view.hiddenTotal > 0 || before > 0;
            return new GraphView(List.copyOf(view.nodes.values()), List.copyOf(view.edges.values()), truncated,
                    new GraphView.Total(view.nodes.size() + view.hiddenTotal + before, view.edges.size() + view.hiddenTotal + before), null);
        });
    }

    /** The answer as it grows level by level. */
    private final class Level {
        final Map<String, GraphView.Element> nodes = new LinkedHashMap<>();
        final Map<String, GraphView.Element> edges = new LinkedHashMap<>();
        final Map<String, Long> hidden = new HashMap<>();
        boolean truncated;
        long hiddenTotal;

        /** {@code degree}: relationships of {@code from} from the page's offset on; those beyond {@code limit} stay hidden. */
        void degree(String from, long degree, int limit) {
            long left = Math.max(0, degree) - Math.min(limit, Math.max(0, degree));
            if (left > 0 && hidden.putIfAbsent(from, left) == null) {
                hiddenTotal += left;
            }
        }

        /** {@code r} links {@code from} (already in the answer) and {@code m}, in either direction. */
        void add(String from, Relationship r, Node m, List<String> next) {
            String mid = m.get("id").asString();
            // The ends' slugs from what is already here: asking the query for startNode(r).id and
            // endNode(r).id read two node properties per relationship.
            String source = r.startNodeElementId().equals(m.elementId()) ? mid : from;
            String target = r.endNodeElementId().equals(m.elementId()) ? mid : from;
            if (!nodes.containsKey(mid)) {
                if (nodes.size() >= maxNodes) {
                    truncated = true;
                    return;
                }
                nodes.put(mid, Elements.node(m));
                next.add(mid);
            }
            var edge = Elements.edge(r, source, target);
            edges.putIfAbsent(edge.id(), edge);
        }
    }

    // The statements are public so that the benchmark's raw-Cypher baseline runs exactly what the API runs.

    /**
     * The entity, its degree and its first {@code $limit} relationships from {@code $offset}, in one
     * statement (one round trip instead of two); no row when the entity does not exist.
     */
    public static String firstLevelQuery(Filters filters) {
        return """
                MATCH (c:Entity {id: $id})
                WITH c, %s AS degree
                CALL (c) {
                  MATCH %s
                  WHERE %s
                  WITH r, m SKIP $offset LIMIT $limit
                  RETURN collect({r: r, m: m}) AS rows
                }
                RETURN c, degree, rows
                """.formatted(degree(filters), pattern(filters), filters.predicate("r"));
    }

    /** One breadth-first level: for each node of {@code $frontier}, its degree and at most {@code $limit} relationships. */
    public static String levelQuery(Filters filters) {
        return """
                UNWIND $frontier AS fid
                MATCH (c:Entity {id: fid})
                WITH c, %s AS degree
                CALL (c) {
                  MATCH %s
                  WHERE %s
                  RETURN r, m SKIP $offset LIMIT $limit
                }
                RETURN c.id AS from, degree, r, m
                """.formatted(degree(filters), pattern(filters), filters.predicate("r"));
    }

    private static String pattern(Filters filters) {
        return "(c)-[r" + filters.typeExpression() + "]-(m:Entity)";
    }

    private static String degree(Filters filters) {
        // Without a property predicate the degree comes from the store (constant time, even for a
        // country with 100,000 links); a label on the far end would force reading every relationship.
        // Only :Entity nodes have relationships (bookkeeping nodes such as :__Dataset have none).
        return filters.hasPropertyPredicate()
                ? "COUNT { MATCH " + pattern(filters) + " WHERE " + filters.predicate("r") + " }"
                : "COUNT { (c)-[r" + filters.typeExpression() + "]-() }";
    }

    private static Collection<Record> run(Neo4jClient client, String query, Map<String, Object> params) {
        return client.query(query).bindAll(params).fetchAs(Record.class).mappedBy((t, r) -> r).all();
    }
}

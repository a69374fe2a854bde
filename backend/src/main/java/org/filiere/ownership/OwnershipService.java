package org.filiere.ownership;

import org.filiere.graph.Elements;
import org.filiere.graph.Filters;
import org.filiere.graph.GraphView;
import org.filiere.graph.NotFoundException;
import org.filiere.graph.ReadQueries;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;
import org.springframework.stereotype.Service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ownership and control around an entity: the chain up to its ultimate parent(s) and the group
 * tree below it. "Control" edges point different ways in storage (a subsidiary points to its
 * parent, an acquirer to what it bought), so each step states which end is the controller.
 */
@Service
public class OwnershipService {

    /** Controlled → controller, in storage direction. */
    private static final String UP_STEP = """
            (a)-[r:SUBSIDIARY_OF|BRAND_OF|OWNS_STAKE_IN|ACQUIRED|PARTY_TO]-(b:Entity)
            WHERE ((type(r) IN ['SUBSIDIARY_OF', 'BRAND_OF'] AND startNode(r) = a)
                OR (type(r) IN ['OWNS_STAKE_IN', 'ACQUIRED', 'PARTY_TO'] AND endNode(r) = a))
              AND %s
            """;
    private static final String DOWN_STEP = """
            (a)-[r:SUBSIDIARY_OF|BRAND_OF|OWNS_STAKE_IN|ACQUIRED|PARTY_TO]-(b:Entity)
            WHERE ((type(r) IN ['SUBSIDIARY_OF', 'BRAND_OF'] AND endNode(r) = a)
                OR (type(r) IN ['OWNS_STAKE_IN', 'ACQUIRED', 'PARTY_TO'] AND startNode(r) = a))
              AND %s
            """;
    private static final int MAX_HOPS = 8;
    private static final int MAX_ROWS = 5000;

    private final ReadQueries reads;

    public OwnershipService(ReadQueries reads) {
        this.reads = reads;
    }

    public GraphView ownership(String id, Filters filters) {
        String query = query(filters);
        return reads.read(client -> {
            Map<String, Object> params = new HashMap<>(filters.parameters());
            params.put("id", id);
            Record answer = client.query(query).bindAll(params).fetchAs(Record.class).mappedBy((t, r) -> r).one()
                    .orElseThrow(() -> new NotFoundException("No entity with id '" + id + "'."));
            GraphView.Element focal = Elements.node(answer.get("f").asNode());
            focal.data().put("focal", true);
            focal.data().put("level", 0);
            Map<String, GraphView.Element> nodes = new LinkedHashMap<>();
            Map<String, GraphView.Element> edges = new LinkedHashMap<>();
            nodes.put(id, focal);
            boolean truncated = false;
            for (int sign : new int[] {1, -1}) {
                List<Path> paths = answer.get(sign > 0 ? "up" : "down").asList(Value::asPath);
                truncated |= paths.size() >= MAX_ROWS;
                for (Path path : paths) {
                    int level = 0;
                    for (var segment : path) {
                        level += sign;
                        var end = segment.end();
                        String endId = end.get("id").asString();
                        GraphView.Element node = nodes.computeIfAbsent(endId, k -> Elements.node(end));
                        node.data().putIfAbsent("level", level);
                        Relationship rel = segment.relationship();
                        String source = rel.startNodeElementId().equals(segment.start().elementId())
                                ? segment.start().get("id").asString() : endId;
                        String target = source.equals(endId) ? segment.start().get("id").asString() : endId;
                        GraphView.Element edge = Elements.edge(rel, source, target);
                        edges.putIfAbsent(edge.id(), edge);
                        // Who controls whom, whatever the storage direction.
                        String controller = sign > 0 ? endId : segment.start().get("id").asString();
                        String owned = sign > 0 ? segment.start().get("id").asString() : endId;
                        edge.data().put("controller", controller);
                        edge.data().put("controlled", owned);
                        edge.data().put("controls", controls(rel));
                    }
                }
            }
            // Ultimate parents: what the focal entity's controlling links lead up to, where no
            // controlling link goes further. A stake that is not a stated majority is shown, but
            // its holder is a shareholder, not a parent ("counted AIR FRANCE among its shareholders").
            List<GraphView.Element> controlling = edges.values().stream().filter(e -> Boolean.TRUE.equals(e.data().get("controls"))).toList();
            Set<String> above = controllersAbove(id, controlling);
            List<String> ultimate = above.stream().filter(c -> controlling.stream()
                    .noneMatch(e -> c.equals(e.data().get("controlled")))).sorted().toList();
            // A parent reached only through an inferred link is the report's implication, not its
            // statement (Snecma Morocco Engine Services' parent Royal Air Maroc, through a joint
            // venture whose shares the report does not give): said so beside the name.
            Set<String> statedAbove = controllersAbove(id, controlling.stream()
                    .filter(e -> !Boolean.TRUE.equals(e.data().get("inferred"))).toList());
            List<String> inferredOnly = ultimate.stream().filter(u -> !statedAbove.contains(u)).toList();
            ultimate.forEach(u -> nodes.get(u).data().put("ultimateParent", true));
            inferredOnly.forEach(u -> nodes.get(u).data().put("ultimateParentInferred", true));
            GraphView view = new GraphView(List.copyOf(nodes.values()), List.copyOf(edges.values()), truncated,
                    new GraphView.Total(nodes.size(), edges.size()), null);
            return view.withMeta(Map.of("ultimateParents", ultimate, "ultimateParentsInferred", inferredOnly));
        });
    }

    /** Everything the given controlling links lead up to from {@code id}. */
    private static Set<String> controllersAbove(String id, List<GraphView.Element> controlling) {
        Set<String> above = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            String current = todo.pop();
            for (GraphView.Element e : controlling) {
                String controller = (String) e.data().get("controller");
                if (current.equals(e.data().get("controlled")) && !controller.equals(id) && above.add(controller)) todo.push(controller);
            }
        }
        return above;
    }

    /**
     * Whether a link gives control: a stake, or a party's part in a joint venture, does when the
     * source states a majority share (over 50 %); one of unknown or minority size does not — the
     * report names Cevital and Jet Alu Maroc as the parties to Jet Alu Algérie, not who controls it.
     * The other ownership links (subsidiary, brand, acquisition) do.
     */
    static boolean controls(Relationship rel) {
        if (!rel.type().equals("OWNS_STAKE_IN") && !rel.type().equals("PARTY_TO")) return true;
        return !rel.get("share").isNull() && rel.get("share").asDouble() > 0.5;
    }

    /**
     * The entity, its chains up to its controllers and its group tree below, in one statement: one
     * round trip instead of three (at 1M firms, p50 3.2–3.9 ms instead of 6.9–8.1 ms, raw driver).
     * No row when the entity does not exist. Public so that the benchmark's raw-Cypher baseline
     * runs exactly what the API runs.
     */
    public static String query(Filters filters) {
        return """
                MATCH (f:Entity {id: $id})
                %s
                %s
                RETURN f, up, down
                """.formatted(chains(UP_STEP, filters, "up"), chains(DOWN_STEP, filters, "down"));
    }

    /** Up to {@value #MAX_ROWS} chains of {@code step} from {@code f}, collected as {@code name}. */
    private static String chains(String step, Filters filters, String name) {
        return """
                CALL (f) {
                  MATCH p = (f)(%s){1,%d}(x)
                  WITH p LIMIT %d
                  RETURN collect(p) AS %s
                }""".formatted(step.formatted(filters.predicate("r")).replace("(a)", "(a:Entity)"), MAX_HOPS, MAX_ROWS, name);
    }
}

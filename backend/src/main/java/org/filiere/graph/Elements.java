package org.filiere.graph;

import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps driver nodes and relationships to Cytoscape elements. Node ids are the entity slugs;
 * edge endpoints are given by slug too, so answers from different traversals merge in the browser.
 */
public final class Elements {

    /** Bulky or internal properties that the graph drawing does not need (the details endpoint has them). */
    private static final List<String> NODE_SKIP = List.of("aliasText", "normalisedName", "annexRows");

    private Elements() {
    }

    public static GraphView.Element node(Node node) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", node.get("id").asString());
        data.put("label", node.get("name").asString(node.get("id").asString()));
        data.put("type", node.get("type").asString(null));
        node.asMap().forEach((k, v) -> {
            if (!NODE_SKIP.contains(k) && !k.endsWith("_quote") && !k.endsWith("_section") && !data.containsKey(k)) {
                data.put(k, v);
            }
        });
        return new GraphView.Element(data);
    }

    /** {@code sourceId}/{@code targetId} are the slugs of the relationship's start and end nodes. */
    public static GraphView.Element edge(Relationship rel, String sourceId, String targetId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", rel.get("id").asString(rel.elementId()));
        data.put("source", sourceId);
        data.put("target", targetId);
        data.put("type", rel.type());
        data.put("label", rel.type().toLowerCase().replace('_', ' '));
        data.put("inferred", rel.get("inferred").asBoolean(false));
        Value quotes = rel.get("quotes");
        data.put("quote", quotes.isNull() || quotes.size() == 0 ? null : quotes.get(0).asString());
        rel.asMap().forEach((k, v) -> data.putIfAbsent(k, v));
        return new GraphView.Element(data);
    }
}

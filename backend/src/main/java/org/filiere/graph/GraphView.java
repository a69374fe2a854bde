package org.filiere.graph;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The one graph shape every traversal answers with: Cytoscape.js elements, so the browser can
 * draw an answer as it comes. {@code truncated} says a cap applied; {@code total} then estimates
 * the size of the uncapped answer. {@code meta} carries what is specific to one traversal
 * (per-tier summary, path explanations, ...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphView(List<Element> nodes, List<Element> edges, boolean truncated, Total total, Map<String, Object> meta) {

    /** A Cytoscape element: everything lives under {@code data}. */
    public record Element(Map<String, Object> data) {
        public String id() {
            return (String) data.get("id");
        }
    }

    /**
     * Size of the uncapped answer. {@code atLeast} is true when counting itself stopped at a cap (the
     * count would otherwise cost as much as the part of the graph within reach); absent when exact.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Total(long nodes, long edges, Boolean atLeast) {
        public Total(long nodes, long edges) {
            this(nodes, edges, null);
        }
    }

    public static GraphView of(List<Element> nodes, List<Element> edges) {
        return new GraphView(nodes, edges, false, new Total(nodes.size(), edges.size()), null);
    }

    public GraphView withMeta(Map<String, Object> meta) {
        return new GraphView(nodes, edges, truncated, total, meta);
    }
}

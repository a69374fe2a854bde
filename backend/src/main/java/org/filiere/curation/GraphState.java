package org.filiere.curation;

import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads of the graph that a curation write needs inside its own transaction: an entity (locked, so
 * that two curators editing it one after the other each see the other's change in "before") and
 * its relationships, as plain maps ready for the audit record.
 */
final class GraphState {

    private GraphState() {
    }

    /** Derived from other properties on every write; left out of audit records. */
    static final Set<String> DERIVED = Set.of("aliasText", "normalisedName");

    record NodeState(String id, NodeType type, Map<String, Object> props) {
        /** The properties an audit record shows (derived ones left out). */
        Map<String, Object> audited() {
            Map<String, Object> out = new LinkedHashMap<>(props);
            out.keySet().removeAll(DERIVED);
            return out;
        }
    }

    record RelState(String elementId, String id, RelType type, String source, String target, NodeType sourceType,
                    NodeType targetType, Map<String, Object> props) {
        Map<String, Object> audited() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("type", type.name());
            out.put("source", source);
            out.put("target", target);
            out.put("properties", props);
            return out;
        }
    }

    /** The entity, write-locked until the transaction ends; empty when there is none with this id. */
    static Optional<NodeState> lockEntity(Neo4jClient client, String id) {
        // Setting a property takes the node's write lock; removing it again leaves nothing behind.
        // The node is read again once the lock is held: a request that held it before (and deleted
        // or changed the node) has committed by then, while the first read may predate it.
        client.query("""
                MATCH (n:Entity {id: $id})
                SET n.__lock = true
                REMOVE n.__lock
                """).bind(id).to("id").run();
        return client.query("MATCH (n:Entity {id: $id}) RETURN n").bind(id).to("id").fetchAs(NodeState.class).mappedBy((t, r) -> {
            Map<String, Object> props = new LinkedHashMap<>(r.get("n").asNode().asMap());
            return new NodeState(id, NodeType.parse(String.valueOf(props.get("type"))).orElse(null), props);
        }).one();
    }

    /** Every relationship between the entity and another entity (or itself), each once. */
    static List<RelState> relationships(Neo4jClient client, String id) {
        List<RelState> all = new ArrayList<>(client.query("""
                MATCH (n:Entity {id: $id})-[r]-(x:Entity)
                WITH DISTINCT r
                MATCH (a)-[r]->(b)
                RETURN elementId(r) AS eid, r.id AS rid, type(r) AS type, a.id AS source, b.id AS target,
                       a.type AS sourceType, b.type AS targetType, properties(r) AS props
                ORDER BY rid
                """).bind(id).to("id").fetchAs(RelState.class).mappedBy((t, r) -> new RelState(r.get("eid").asString(),
                r.get("rid").asString(null), RelType.parse(r.get("type").asString()).orElse(null), r.get("source").asString(),
                r.get("target").asString(), NodeType.parse(r.get("sourceType").asString("")).orElse(null),
                NodeType.parse(r.get("targetType").asString("")).orElse(null), new LinkedHashMap<>(r.get("props").asMap()))).all());
        return all;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : value == null ? List.of() : List.of(value);
    }

    /** Union of lists, in order, without repeats or nulls. */
    static List<Object> union(Object... lists) {
        Set<Object> out = new LinkedHashSet<>();
        for (Object l : lists) {
            for (Object v : list(l)) if (v != null && !"".equals(v)) out.add(v);
        }
        return new ArrayList<>(out);
    }
}

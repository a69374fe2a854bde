package org.filiere.curation;

import org.filiere.curation.AuditLog.Role;
import org.filiere.curation.GraphState.NodeState;
import org.filiere.curation.GraphState.RelState;
import org.filiere.graph.ConflictException;
import org.filiere.graph.Endpoints;
import org.filiere.graph.InvalidInputException;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.NotFoundException;
import org.filiere.graph.RelType;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.filiere.curation.GraphState.list;
import static org.filiere.curation.GraphState.union;

/**
 * Creates, edits, deletes and merges entities. Each change and its audit record run in one write
 * transaction: the graph holds both or neither. See docs/curation.md.
 */
@Service
public class EntityCuration {

    /** The dataset of entities and relationships that curators create. */
    public static final String DATASET = "curation";

    static final Set<String> EDITABLE = Set.of("name", "type", "country", "sector", "aliases", "description", "document", "quotes");
    private static final Set<String> CREATE_FIELDS = with(EDITABLE, "id", "comment");
    private static final Set<String> PATCH_FIELDS = with(EDITABLE, "comment");
    private static final List<String> TYPE_LABELS = Arrays.stream(NodeType.values()).map(NodeType::name).toList();
    private static final List<String> FACT_SUFFIXES = List.of("_quote", "_section", "_unit", "_year", "_qualifier");
    /**
     * Import provenance of one row of one file: it describes the merged entity (or moved link) only,
     * and stays in the audit record. {@code importJob} above all: a failed import deletes whatever
     * carries its job id, so a survivor that took it over would be deleted with the import.
     */
    private static final Set<String> ROW_PROVENANCE = Set.of("file", "row", "importedAt", "importedBy", "importJob");

    public record MergeResult(String survivor, String merged, int moved, int combined, int dropped) {
    }

    private final Neo4jClient client;
    private final Writes tx;
    private final AuditLog audit;

    public EntityCuration(Neo4jClient client, PlatformTransactionManager transactions, AuditLog audit) {
        this.client = client;
        this.audit = audit;
        this.tx = new Writes(transactions);
    }

    // --- create --------------------------------------------------------------------------------

    /** @return the new entity's id */
    public String create(JsonNode json, String user) {
        Body b = new Body(json, CREATE_FIELDS);
        for (String required : List.of("name", "type")) {
            if (!b.has(required)) b.error(required, "Required.");
        }
        Patch patch = patch(b);
        String name = (String) patch.set().get("name");
        String id;
        if (b.has("id")) {
            id = b.text("id", 120, true);
            if (id != null && !Names.isSlug(id)) {
                b.error("id", "An id is lowercase letters, digits and hyphens, at most 120 characters (e.g. 'royal-air-maroc').");
            }
        } else {
            id = name == null ? null : Names.slug(name);
            if (id != null && !Names.isSlug(id)) {
                b.error("name", "No id can be made from this name: give an 'id' (lowercase letters, digits and hyphens).");
            }
        }
        String comment = b.text("comment", 1000, false);
        b.check();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", id);
        props.put("aliases", List.of());
        props.put("quotes", List.of());
        props.put("quoteSections", List.of());
        props.put("dataset", DATASET);
        props.putAll(patch.set());
        String type = (String) props.get("type");
        derive(props);
        try {
            tx.executeWithoutResult(s -> {
                if (GraphState.lockEntity(client, id).isPresent()) {
                    throw new ConflictException("An entity with id '" + id + "' exists already: give another 'id'"
                            + (json.has("id") ? "." : " (it was made from the name)."));
                }
                client.query("""
                        CREATE (n:Entity {id: $id})
                        SET n = $props, n:$($type)
                        """).bindAll(Map.of("id", id, "props", props, "type", type)).run();
                NodeState created = deriveSide(id);
                audit.record(new AuditLog.Entry(user, "create", "entity", id, null, created.audited(), comment,
                        Map.of(id, Role.subject), null, null));
            });
        } catch (DataIntegrityViolationException e) {
            // Another request created the same id between our check and our write.
            throw new ConflictException("An entity with id '" + id + "' exists already: give another 'id'.");
        }
        return id;
    }

    // --- edit ----------------------------------------------------------------------------------

    public void edit(String id, JsonNode json, String user) {
        Body b = new Body(json, PATCH_FIELDS);
        Patch patch = patch(b);
        NodeType newType = patch.set().containsKey("type") ? NodeType.valueOf((String) patch.set().get("type")) : null;
        String comment = b.text("comment", 1000, false);
        b.check();
        tx.executeWithoutResult(s -> {
            NodeState old = GraphState.lockEntity(client, id).orElseThrow(() -> notFound(id));
            Map<String, Object> props = new LinkedHashMap<>(old.props());
            props.putAll(patch.set());
            props.keySet().removeAll(patch.remove());
            if (patch.set().containsKey("quotes")) props.remove("quoteDocuments");
            keepOldNameAsAlias(old.props().get("name"), props, patch);
            derive(props);
            if (newType != null && newType != old.type()) {
                List<String> broken = new ArrayList<>();
                for (RelState r : GraphState.relationships(client, id)) {
                    NodeType st = r.source().equals(id) ? newType : r.sourceType();
                    NodeType tt = r.target().equals(id) ? newType : r.targetType();
                    if (st != null && tt != null) Endpoints.problem(st, r.type(), tt).ifPresent(p -> broken.add(r.id() + " (" + p + ")"));
                }
                if (!broken.isEmpty()) {
                    throw new ConflictException("'" + id + "' cannot become a " + newType + ": " + broken.size()
                            + " of its relationships would break the model: " + abbreviate(broken)
                            + ". Delete or change those relationships first.");
                }
            }
            if (props.equals(old.props())) return; // nothing changed: nothing to record
            client.query("""
                    MATCH (n:Entity {id: $id})
                    REMOVE n:$($typeLabels)
                    SET n = $props, n:$($type)
                    """).bindAll(Map.of("id", id, "props", props, "type", String.valueOf(props.get("type")), "typeLabels", TYPE_LABELS)).run();
            NodeState updated = Objects.equals(old.props().get("country"), props.get("country"))
                    ? new NodeState(id, newType, props) : deriveSide(id);
            audit.record(new AuditLog.Entry(user, "edit", "entity", id, old.audited(), updated.audited(), comment,
                    Map.of(id, Role.subject), null, null));
        });
    }

    /**
     * A renamed entity is still found by the name sources print: the old name becomes an alias,
     * unless the same edit sets the aliases itself (the curator then says what they are).
     */
    private static void keepOldNameAsAlias(Object oldName, Map<String, Object> props, Patch patch) {
        if (!patch.set().containsKey("name") || patch.set().containsKey("aliases") || oldName == null) return;
        Object name = props.get("name");
        if (oldName.equals(name)) return;
        List<Object> aliases = new ArrayList<>(list(props.get("aliases")));
        if (!aliases.contains(oldName)) aliases.add(oldName);
        aliases.remove(name);
        props.put("aliases", aliases);
    }

    // --- delete --------------------------------------------------------------------------------

    public void delete(String id, String comment, String user) {
        if (comment != null && comment.length() > 1000) throw new InvalidInputException("comment", null, "At most 1000 characters.");
        tx.executeWithoutResult(s -> {
            NodeState old = GraphState.lockEntity(client, id).orElseThrow(() -> notFound(id));
            List<RelState> rels = GraphState.relationships(client, id);
            client.query("MATCH (n:Entity {id: $id}) DETACH DELETE n").bind(id).to("id").run();
            Map<String, Role> concerned = new LinkedHashMap<>();
            concerned.put(id, Role.subject);
            for (RelState r : rels) {
                concerned.putIfAbsent(r.source(), Role.neighbour);
                concerned.putIfAbsent(r.target(), Role.neighbour);
            }
            audit.record(new AuditLog.Entry(user, "delete", "entity", id,
                    Map.of("entity", old.audited(), "relationships", rels.stream().map(RelState::audited).toList()),
                    null, blankToNull(comment), concerned, null, null));
        });
    }

    // --- merge ---------------------------------------------------------------------------------

    /**
     * Merges {@code other} into {@code survivorId}: aliases united (the merged name becomes an
     * alias), every relationship moved (one that the survivor already has is combined with it;
     * one between the two is dropped rather than becoming a self-loop), provenance of both kept,
     * the merged node deleted.
     */
    public MergeResult merge(String survivorId, JsonNode json, String user) {
        Body b = new Body(json, Set.of("other", "comment"));
        String otherId = b.text("other", 120, true);
        if (otherId != null && !Names.isSlug(otherId)) b.error("other", "Must be an entity id (lowercase letters, digits and hyphens).");
        if (survivorId.equals(otherId)) b.error("other", "An entity cannot be merged into itself.");
        String comment = b.text("comment", 1000, false);
        b.check();
        return tx.execute(s -> {
            // Locks in id order, so that two opposite merges of the same pair wait for each other
            // instead of deadlocking.
            Optional<NodeState> first = GraphState.lockEntity(client, survivorId.compareTo(otherId) < 0 ? survivorId : otherId);
            Optional<NodeState> second = GraphState.lockEntity(client, survivorId.compareTo(otherId) < 0 ? otherId : survivorId);
            Optional<NodeState> survivor = survivorId.compareTo(otherId) < 0 ? first : second;
            Optional<NodeState> other = survivorId.compareTo(otherId) < 0 ? second : first;
            NodeState a = survivor.orElseThrow(() -> notFound(survivorId));
            NodeState m = other.orElseThrow(() -> new InvalidInputException("other", otherId, "No entity with this id."));
            List<RelState> mine = GraphState.relationships(client, survivorId);
            List<RelState> theirs = GraphState.relationships(client, otherId);

            // Where each of the merged entity's relationships ends up.
            Map<String, RelState> byKey = new LinkedHashMap<>();
            for (RelState r : mine) byKey.putIfAbsent(key(r.type(), r.source(), r.target()), r);
            Map<String, Map<String, Object>> updates = new LinkedHashMap<>(); // elementId → combined properties
            Map<String, Map<String, Object>> creations = new LinkedHashMap<>(); // new id → row
            List<RelState> dropped = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            int combined = 0;
            for (RelState r : theirs) {
                String src = r.source().equals(otherId) ? survivorId : r.source();
                String tgt = r.target().equals(otherId) ? survivorId : r.target();
                NodeType st = r.source().equals(otherId) ? a.type() : r.sourceType();
                NodeType tt = r.target().equals(otherId) ? a.type() : r.targetType();
                if (src.equals(tgt)) {
                    dropped.add(r);
                    continue;
                }
                if (r.type().storedReversed(src, tgt)) {
                    String x = src; src = tgt; tgt = x;
                    NodeType y = st; st = tt; tt = y;
                }
                if (st != null && tt != null) {
                    Endpoints.problem(st, r.type(), tt).ifPresent(p -> broken.add(r.id() + " (" + p + ")"));
                }
                String newId = src + "." + r.type().name() + "." + tgt;
                String k = key(r.type(), src, tgt);
                RelState existing = byKey.get(k);
                if (existing != null || creations.containsKey(newId)) combined++;
                if (existing != null) {
                    Map<String, Object> base = updates.getOrDefault(existing.elementId(), existing.props());
                    updates.put(existing.elementId(), combineRelationship(base, r.props(), r.id()));
                } else if (creations.containsKey(newId)) {
                    Map<String, Object> row = creations.get(newId);
                    @SuppressWarnings("unchecked") Map<String, Object> props = (Map<String, Object>) row.get("props");
                    row.put("props", combineRelationship(props, r.props(), r.id()));
                } else {
                    Map<String, Object> props = new LinkedHashMap<>(r.props());
                    props.put("id", newId);
                    props.put("previousIds", union(props.get("previousIds"), r.id()));
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("source", src);
                    row.put("target", tgt);
                    row.put("type", r.type().name());
                    row.put("props", props);
                    creations.put(newId, row);
                }
            }
            if (!broken.isEmpty()) {
                throw new ConflictException("Merging '" + otherId + "' into '" + survivorId + "' (a " + a.type() + ") would break the model for "
                        + broken.size() + " relationship(s): " + abbreviate(broken)
                        + ". Change the type of one of them, or delete those relationships, first.");
            }

            Map<String, Object> merged = combineEntity(a.props(), m.props());
            client.query("""
                    UNWIND $rows AS row
                    MATCH ()-[r]->() WHERE elementId(r) = row.eid
                    SET r = row.props
                    """).bind(updates.entrySet().stream().map(e -> Map.<String, Object>of("eid", e.getKey(), "props", e.getValue())).toList())
                    .to("rows").run();
            client.query("""
                    UNWIND $rows AS row
                    MATCH (s:Entity {id: row.source}), (t:Entity {id: row.target})
                    CREATE (s)-[r:$(row.type)]->(t)
                    SET r = row.props
                    """).bind(List.copyOf(creations.values())).to("rows").run();
            client.query("MATCH (n:Entity {id: $id}) SET n = $props").bindAll(Map.of("id", survivorId, "props", merged)).run();
            client.query("MATCH (n:Entity {id: $id}) DETACH DELETE n").bind(otherId).to("id").run();

            Map<String, Role> concerned = new LinkedHashMap<>();
            concerned.put(survivorId, Role.survivor);
            concerned.put(otherId, Role.merged);
            for (RelState r : theirs) {
                concerned.putIfAbsent(r.source(), Role.neighbour);
                concerned.putIfAbsent(r.target(), Role.neighbour);
            }
            List<RelState> after = GraphState.relationships(client, survivorId);
            Set<String> touched = new LinkedHashSet<>(creations.keySet());
            after.stream().filter(r -> updates.containsKey(r.elementId())).forEach(r -> touched.add(r.id()));
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("survivor", a.audited());
            before.put("merged", m.audited());
            before.put("relationships", theirs.stream().map(RelState::audited).toList());
            Map<String, Object> afterRecord = new LinkedHashMap<>();
            afterRecord.put("survivor", new NodeState(survivorId, a.type(), merged).audited());
            afterRecord.put("relationships", after.stream().filter(r -> touched.contains(r.id())).map(RelState::audited).toList());
            audit.record(new AuditLog.Entry(user, "merge", "entity", survivorId, before, afterRecord, comment, concerned,
                    survivorId, otherId));
            return new MergeResult(survivorId, otherId, theirs.size() - combined - dropped.size(), combined, dropped.size());
        });
    }

    /** Relationship identity for merging: type and ends (either way round for symmetric types). */
    private static String key(RelType type, String source, String target) {
        return type.storedId(source, target);
    }

    /**
     * The survivor's relationship absorbs a moved one: its own values win, the other's fill gaps,
     * quotes add up. When the two come from different documents, each quote keeps its own
     * ({@code quoteDocuments}, {@code documents}), as merged entities' quotes do.
     */
    static Map<String, Object> combineRelationship(Map<String, Object> kept, Map<String, Object> moved, String movedId) {
        Map<String, Object> out = new LinkedHashMap<>(kept);
        boolean twoDocuments = kept.containsKey("quoteDocuments") || moved.containsKey("quoteDocuments")
                || !Objects.equals(kept.get("document"), moved.get("document"));
        if (twoDocuments) {
            out.put("quoteDocuments", quoteDocuments(kept));
            appendQuotes(out, moved, moved.getOrDefault("document", ""));
            out.put("documents", union(kept.get("documents"), kept.get("document"), moved.get("documents"), moved.get("document")));
        } else {
            appendQuotes(out, moved, null);
        }
        for (var e : moved.entrySet()) {
            if (!Set.of("id", "quotes", "quoteSections", "quoteDocuments", "documents", "inferred", "reason", "previousIds").contains(e.getKey())
                    && !ROW_PROVENANCE.contains(e.getKey())) {
                out.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        // Stated anywhere beats inferred: the combined link is inferred only if both were.
        boolean inferred = Boolean.TRUE.equals(kept.get("inferred")) && Boolean.TRUE.equals(moved.get("inferred"));
        out.put("inferred", inferred);
        if (!inferred) out.remove("reason");
        out.put("previousIds", union(kept.get("previousIds"), movedId, moved.get("previousIds")));
        return out;
    }

    /** The survivor's properties after absorbing the merged entity's (its own values win; lists are united). */
    static Map<String, Object> combineEntity(Map<String, Object> a, Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>(a);
        String name = String.valueOf(a.get("name"));
        List<Object> aliases = union(a.get("aliases"), m.get("name"), m.get("aliases"));
        aliases.remove(name);
        out.put("aliases", aliases);
        // Keep which document each quote comes from once quotes of two documents share one node.
        out.put("quoteDocuments", quoteDocuments(a));
        appendQuotes(out, m, m.getOrDefault("document", ""));
        out.put("documents", union(a.get("documents"), a.get("document"), m.get("documents"), m.get("document")));
        out.put("datasets", union(a.get("datasets"), a.get("dataset"), m.get("datasets"), m.get("dataset")));
        out.put("mergedIds", union(a.get("mergedIds"), m.get("id"), m.get("mergedIds")));
        for (String k : List.of("annexTables", "annexRows")) {
            if (a.containsKey(k) || m.containsKey(k)) out.put(k, union(a.get(k), m.get(k)));
        }
        Set<String> skip = new LinkedHashSet<>(List.of("id", "name", "type", "aliases", "aliasText", "normalisedName", "dataset",
                "document", "quotes", "quoteSections", "quoteDocuments", "facts", "documents", "datasets", "mergedIds"));
        skip.addAll(ROW_PROVENANCE);
        List<Object> facts = new ArrayList<>(list(a.get("facts")));
        for (Object f : list(m.get("facts"))) {
            if (facts.contains(f) || a.containsKey(String.valueOf(f))) {
                // The survivor states this figure already: the merged one's value and quote stay in the audit record.
                skip.add(String.valueOf(f));
                FACT_SUFFIXES.forEach(sfx -> skip.add(f + sfx));
            } else {
                facts.add(f);
            }
        }
        if (!facts.isEmpty()) out.put("facts", facts);
        for (var e : m.entrySet()) {
            if (!skip.contains(e.getKey())) out.putIfAbsent(e.getKey(), e.getValue());
        }
        derive(out);
        return out;
    }

    /** Appends the quotes (and their sections, and documents when tracked) of {@code from} that {@code to} lacks. */
    /** The document of each of an element's quotes: its own list where it has one, else its document. */
    private static List<Object> quoteDocuments(Map<String, Object> props) {
        List<Object> docs = new ArrayList<>();
        List<Object> quotes = list(props.get("quotes"));
        List<Object> own = list(props.get("quoteDocuments"));
        for (int i = 0; i < quotes.size(); i++) docs.add(i < own.size() ? own.get(i) : props.getOrDefault("document", ""));
        return docs;
    }

    private static void appendQuotes(Map<String, Object> to, Map<String, Object> from, Object defaultDocument) {
        List<Object> quotes = new ArrayList<>(list(to.get("quotes")));
        List<Object> sections = new ArrayList<>(list(to.get("quoteSections")));
        while (sections.size() < quotes.size()) sections.add("");
        boolean trackDocs = to.containsKey("quoteDocuments");
        List<Object> docs = new ArrayList<>(list(to.get("quoteDocuments")));
        List<Object> q2 = list(from.get("quotes"));
        List<Object> s2 = list(from.get("quoteSections"));
        List<Object> d2 = list(from.get("quoteDocuments"));
        for (int i = 0; i < q2.size(); i++) {
            Object section = i < s2.size() ? s2.get(i) : "";
            boolean seen = false;
            for (int j = 0; j < quotes.size(); j++) {
                if (quotes.get(j).equals(q2.get(i)) && sections.get(j).equals(section)) seen = true;
            }
            if (seen) continue;
            quotes.add(q2.get(i));
            sections.add(section);
            docs.add(i < d2.size() ? d2.get(i) : defaultDocument == null ? "" : defaultDocument);
        }
        to.put("quotes", quotes);
        to.put("quoteSections", sections);
        if (trackDocs) to.put("quoteDocuments", docs);
    }

    // --- fields --------------------------------------------------------------------------------

    /** The editable fields of a body: values to set, and optional properties to remove (sent as {@code null}). */
    record Patch(Map<String, Object> set, Set<String> remove) {
    }

    /** Reads and checks every editable field present in the body (errors are collected in {@code b}). */
    private static Patch patch(Body b) {
        Map<String, Object> set = new LinkedHashMap<>();
        Set<String> remove = new LinkedHashSet<>();
        if (b.has("name")) {
            String name = b.text("name", Names.MAX_LENGTH, true);
            if (name != null) set.put("name", name);
        }
        if (b.has("type")) {
            String text = b.text("type", 40, true);
            if (text != null) {
                Optional<NodeType> type = NodeType.parse(text);
                if (type.isEmpty()) b.error("type", "Unknown node type. Allowed: " + Arrays.toString(NodeType.values()) + ".");
                type.ifPresent(t -> set.put("type", t.name()));
            }
        }
        for (String f : List.of("country", "sector", "document", "description")) {
            if (!b.has(f)) continue;
            if (b.isNull(f)) {
                remove.add(f);
                continue;
            }
            String v = f.equals("country") ? b.country(f) : b.text(f, f.equals("description") ? 2000 : 300, false);
            if (v != null) set.put(f, v);
        }
        if (b.has("aliases")) {
            List<String> aliases = b.texts("aliases", 500, Names.MAX_LENGTH);
            if (aliases != null) set.put("aliases", aliases);
        }
        if (b.has("quotes")) {
            List<Body.Quote> quotes = b.quotes("quotes");
            if (quotes != null) {
                set.put("quotes", quotes.stream().map(Body.Quote::quote).toList());
                set.put("quoteSections", quotes.stream().map(Body.Quote::section).toList());
            }
        }
        return new Patch(set, remove);
    }

    /** Search needs these two: the normalised name and the aliases joined for the full-text index. */
    static void derive(Map<String, Object> props) {
        props.put("normalisedName", Names.normalise(String.valueOf(props.get("name"))));
        props.put("aliasText", Names.aliasText(String.valueOf(props.get("name")), list(props.get("aliases")).stream().map(String::valueOf).toList()));
        if (!props.containsKey("country")) props.remove("side");
    }

    /** North/South side of the entity from its country, as the dataset loader derives it. */
    private NodeState deriveSide(String id) {
        return client.query("""
                MATCH (n:Entity {id: $id})
                OPTIONAL MATCH (c:Entity:Country) WHERE c.iso2 = n.country
                WITH n, head(collect(c.classification)) AS side
                SET n.side = CASE WHEN n:Country THEN n.classification ELSE side END
                RETURN n
                """).bind(id).to("id").fetchAs(NodeState.class).mappedBy((t, r) -> {
            Map<String, Object> props = new LinkedHashMap<>(r.get("n").asNode().asMap());
            return new NodeState(id, NodeType.parse(String.valueOf(props.get("type"))).orElse(null), props);
        }).one().orElseThrow();
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("No entity with id '" + id + "'.");
    }

    static String abbreviate(List<String> items) {
        return String.join("; ", items.subList(0, Math.min(10, items.size()))) + (items.size() > 10 ? "; …" : "");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> out = new java.util.TreeSet<>(base);
        out.addAll(List.of(more));
        return java.util.Collections.unmodifiableSet(out);
    }
}

package org.filiere.dataset;

import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dataset merged from its files and turned into graph rows: the same node id in several files
 * is one node, the same (source, type, target) is one relationship, their quotes unioned.
 * Property values are flattened to what Neo4j stores (scalars and lists of scalars).
 */
public final class Dataset {

    /** A node ready to be written: its type label and its properties. */
    public record NodeRow(String id, NodeType type, Map<String, Object> properties) {
    }

    /** A relationship ready to be written. */
    public record RelRow(String id, String source, RelType type, String target, Map<String, Object> properties) {
    }

    private final String name;
    private final String document;
    private final Map<String, NodeRow> nodes = new LinkedHashMap<>();
    private final Map<String, RelRow> rels = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    Dataset(String name, String document) {
        this.name = name;
        this.document = document;
    }

    public Collection<NodeRow> nodes() {
        return nodes.values();
    }

    public Collection<RelRow> relationships() {
        return rels.values();
    }

    public List<String> errors() {
        return errors;
    }

    void add(String fileName, DatasetFiles.File file) {
        String defaultSection = file.sectionDefault();
        for (DatasetFiles.Node n : file.nodes()) {
            addNode(fileName, defaultSection, n);
        }
        for (DatasetFiles.Rel r : file.relationships()) {
            addRel(fileName, defaultSection, r);
        }
    }

    /** Checks that need every file: references between files. */
    void finish() {
        for (RelRow r : rels.values()) {
            if (!nodes.containsKey(r.source())) errors.add("relationship " + r.id() + ": unknown source " + r.source());
            if (!nodes.containsKey(r.target())) errors.add("relationship " + r.id() + ": unknown target " + r.target());
        }
    }

    private void addNode(String file, String defaultSection, DatasetFiles.Node n) {
        String where = file + " node " + n.id();
        if (!Names.isSlug(n.id())) {
            errors.add(where + ": id must be a lowercase slug");
            return;
        }
        NodeType type = NodeType.parse(n.type()).orElse(null);
        if (type == null || n.name() == null || n.name().isBlank()) {
            errors.add(where + ": unknown type '" + n.type() + "' or missing name");
            return;
        }
        if (n.quotes().isEmpty()) errors.add(where + ": no quote");
        NodeRow existing = nodes.get(n.id());
        Map<String, Object> p = existing == null ? new LinkedHashMap<>() : existing.properties();
        if (existing == null) {
            p.put("id", n.id());
            p.put("name", n.name().strip());
            p.put("type", type.name());
            p.put("dataset", name);
            p.put("document", document);
        } else if (existing.type() != type) {
            errors.add(where + ": type " + type + " conflicts with " + existing.type() + " given elsewhere");
            return;
        }
        for (var e : n.props().entrySet()) {
            Object value = storable(e.getValue());
            if (value == null) {
                errors.add(where + ": property " + e.getKey() + " is not a scalar or a list of scalars");
            } else if (isPropertyName(e.getKey())) {
                p.putIfAbsent(e.getKey(), value);
            } else {
                errors.add(where + ": bad property name " + e.getKey());
            }
        }
        union(p, "aliases", n.aliases());
        for (DatasetFiles.Quote q : n.quotes()) {
            appendQuote(p, q.quote(), section(q.section(), defaultSection));
        }
        for (DatasetFiles.Fact f : n.facts()) {
            if (f.property() == null || !isPropertyName(f.property()) || f.value() == null || f.quote() == null) {
                errors.add(where + ": fact needs property, value and quote");
                continue;
            }
            Double v = f.value();
            p.put(f.property(), v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) v.longValue() : v);
            p.put(f.property() + "_quote", f.quote());
            p.put(f.property() + "_section", section(f.section(), defaultSection));
            if (f.unit() != null) p.put(f.property() + "_unit", f.unit());
            if (f.year() != null) p.put(f.property() + "_year", f.year().longValue());
            if (f.qualifier() != null) p.put(f.property() + "_qualifier", f.qualifier());
            union(p, "facts", List.of(f.property()));
        }
        for (DatasetFiles.AnnexRow a : n.annex()) {
            if (!"north".equals(a.table()) && !"south".equals(a.table())) {
                errors.add(where + ": annex table must be north or south");
                continue;
            }
            union(p, "annexTables", List.of(a.table()));
            List<String> rows = new ArrayList<>(stringList(p.get("annexRows")));
            rows.add(a.row());
            p.put("annexRows", rows);
        }
        List<String> aliases = stringList(p.get("aliases"));
        p.put("aliasText", Names.aliasText((String) p.get("name"), aliases));
        p.put("normalisedName", Names.normalise((String) p.get("name")));
        if (existing == null) nodes.put(n.id(), new NodeRow(n.id(), type, p));
    }

    private void addRel(String file, String defaultSection, DatasetFiles.Rel r) {
        RelType type = RelType.parse(r.type()).orElse(null);
        String where = file + " relationship " + r.source() + " " + r.type() + " " + r.target();
        if (type == null || r.source() == null || r.target() == null) {
            errors.add(where + ": unknown type or missing endpoint");
            return;
        }
        if (r.quotes().isEmpty()) errors.add(where + ": no quote");
        if (Boolean.TRUE.equals(r.inferred()) && (r.reason() == null || r.reason().isBlank())) {
            errors.add(where + ": inferred without a reason");
        }
        if (r.share() != null && (r.share() <= 0 || r.share() > 1)) errors.add(where + ": share must be a fraction in (0, 1]");
        RelType.Stored stored = type.store(r.source(), r.target());
        String id = stored.id();
        RelRow existing = rels.get(id);
        Map<String, Object> p = existing == null ? new LinkedHashMap<>() : existing.properties();
        if (existing == null) {
            p.put("id", id);
            p.put("dataset", name);
            p.put("document", document);
            p.put("inferred", false);
        }
        putIfSet(p, "year", r.year() == null ? null : r.year().longValue());
        putIfSet(p, "start", r.start() == null ? null : r.start().longValue());
        putIfSet(p, "end", r.end() == null ? null : r.end().longValue());
        putIfSet(p, "share", r.share());
        putIfSet(p, "tier", r.tier() == null ? null : r.tier().longValue());
        if (Boolean.TRUE.equals(r.inferred())) {
            // Stated anywhere beats inferred: only an edge that no file states stays inferred.
            if (existing == null) {
                p.put("inferred", true);
                p.put("reason", r.reason());
            }
        } else {
            p.put("inferred", false);
            p.remove("reason");
        }
        if (r.annexTable() != null) union(p, "annexTables", List.of(r.annexTable()));
        for (var e : r.props().entrySet()) {
            Object value = storable(e.getValue());
            if (value == null || !isPropertyName(e.getKey())) {
                errors.add(where + ": bad property " + e.getKey());
            } else {
                p.putIfAbsent(e.getKey(), value);
            }
        }
        for (DatasetFiles.Quote q : r.quotes()) {
            appendQuote(p, q.quote(), section(q.section(), defaultSection));
        }
        if (existing == null) rels.put(id, new RelRow(id, stored.source(), stored.type(), stored.target(), p));
    }

    private void appendQuote(Map<String, Object> p, String quote, String section) {
        if (quote == null || quote.isBlank()) return;
        String text = quote.strip().replaceAll("\\s+", " ");
        if (text.length() > 300) errors.add("quote over 300 characters: " + text.substring(0, 60) + "…");
        List<String> quotes = new ArrayList<>(stringList(p.get("quotes")));
        List<String> sections = new ArrayList<>(stringList(p.get("quoteSections")));
        if (quotes.contains(text)) return;
        quotes.add(text);
        sections.add(section == null ? "" : section);
        p.put("quotes", quotes);
        p.put("quoteSections", sections);
    }

    private static String section(String section, String defaultSection) {
        return section != null && !section.isBlank() ? section : defaultSection;
    }

    private static void putIfSet(Map<String, Object> p, String key, Object value) {
        if (value != null) p.put(key, value);
    }

    private static void union(Map<String, Object> p, String key, List<String> values) {
        Set<String> all = new LinkedHashSet<>(stringList(p.get(key)));
        values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).forEach(all::add);
        p.put(key, new ArrayList<>(all));
    }

    @SuppressWarnings("unchecked")
    static List<String> stringList(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    private static boolean isPropertyName(String key) {
        return key != null && key.matches("[A-Za-z][A-Za-z0-9_]{0,60}");
    }

    private static Object storable(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Long) return value;
        if (value instanceof Integer i) return i.longValue();
        if (value instanceof Number n) return n.doubleValue();
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) return list;
        return null;
    }
}

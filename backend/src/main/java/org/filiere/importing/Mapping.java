package org.filiere.importing;

import org.apache.commons.csv.CSVRecord;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a CSV file of any layout becomes relationships (docs/importing.md, "CSV with a mapping"):
 * which columns (or constants) give the source entity, the target entity, the relationship type,
 * its dates and extra properties. A value is a column name ({@code "Supplier"} or
 * {@code {"column": "Supplier"}}) or a constant ({@code {"value": "SUPPLIES"}}).
 */
record Mapping(char delimiter, EntitySpec source, EntitySpec target, Value type, Value year, Value start, Value end,
               Value share, Value tier, Value document, Value quote, Map<String, Value> properties) {

    static final String FILE = "mapping";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TOP = Set.of("delimiter", "source", "target", "type", "year", "start", "end", "share",
            "tier", "document", "quote", "properties");
    private static final Set<String> ENTITY = Set.of("id", "name", "type", "country", "sector");
    /**
     * Property names a mapping cannot set: those the import sets itself, and those the app gives a
     * meaning to on a link (provenance kept by merges, an import's rollback key, the similarity of
     * a possible duplicate, and the fields of the drawn element such as {@code kind}, which marks
     * an element the explorer draws itself). A column mapped to one of them would silently change
     * what the app shows or undoes.
     */
    static final Set<String> RESERVED = Set.of("id", "dataset", "file", "row", "rowCount", "importedAt", "importedBy",
            "inferred", "reason", "quotes", "document", "year", "start", "end", "share", "tier", "type", "source", "target",
            "importJob", "quoteSections", "quoteDocuments", "documents", "similarity", "previousIds", "mergedIds", "controls",
            "annexTables", "annexRows", "label", "quote", "kind", "normalisedName", "aliasText");

    /** A column of the file or a constant. */
    record Value(String column, String constant) {
        String get(Map<String, Integer> header, CSVRecord record) {
            if (constant != null) return constant;
            return record.get(header.get(column)).strip();
        }
    }

    record EntitySpec(Value id, Value name, Value type, Value country, Value sector) {
    }

    /** One entity reference of a row: by id, by name, or by id with a name to create it under. */
    record EntityRef(String id, String name, NodeType type, String country, String sector) {
    }

    /** One valid row, ready to resolve. */
    record Row(int row, EntityRef source, EntityRef target, RelType type, Long year, Long start, Long end, Double share,
               Long tier, String document, String quote, Map<String, String> properties) {
    }

    /** Reads the mapping JSON; every problem goes to {@code errors} (file "mapping", column = the key). */
    static Mapping parse(String text, Errors errors) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            errors.add(FILE, null, null, null, "The mapping is not valid JSON: " + e.getOriginalMessage());
            return null;
        }
        if (root == null || !root.isObject()) {
            errors.add(FILE, null, null, null, "The mapping must be a JSON object (see docs/importing.md).");
            return null;
        }
        int before = errors.count();
        unknownKeys(root, TOP, "", errors);
        char delimiter = ',';
        if (root.has("delimiter")) {
            String d = root.get("delimiter").asString("");
            if (d.equals("\\t")) d = "\t";
            if (d.length() != 1 || d.charAt(0) == '"' || d.charAt(0) == '\n' || d.charAt(0) == '\r') {
                errors.add(FILE, null, "delimiter", d, "The delimiter must be one character such as ',' ';' or '\\t'.");
            } else {
                delimiter = d.charAt(0);
            }
        }
        EntitySpec source = entity(root, "source", errors);
        EntitySpec target = entity(root, "target", errors);
        Value type = value(root, "type", errors);
        if (type == null) errors.add(FILE, null, "type", null, "'type' is required: a column or a constant such as {\"value\": \"SUPPLIES\"}.");
        if (type != null && type.constant() != null && RelType.parse(type.constant()).isEmpty()) {
            errors.add(FILE, null, "type", type.constant(), "Unknown relationship type. Allowed: " + Arrays.toString(RelType.values()) + ".");
        }
        Map<String, Value> properties = new LinkedHashMap<>();
        JsonNode props = root.get("properties");
        if (props != null && !props.isObject()) {
            errors.add(FILE, null, "properties", null, "'properties' must be an object: property name → column or constant.");
        } else if (props != null) {
            for (Iterator<String> names = props.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                if (!name.matches("[a-z][A-Za-z0-9_]{0,39}") || RESERVED.contains(name)) {
                    errors.add(FILE, null, "properties." + name, name, "A property name must be lowerCamel letters, digits "
                            + "or '_' (up to 40) and not one the app sets or reads itself: " + new TreeSet<>(RESERVED) + ".");
                    continue;
                }
                Value v = value(props, name, errors, "properties." + name);
                if (v != null) properties.put(name, v);
            }
        }
        Mapping m = new Mapping(delimiter, source, target, type, value(root, "year", errors), value(root, "start", errors),
                value(root, "end", errors), value(root, "share", errors), value(root, "tier", errors),
                value(root, "document", errors), value(root, "quote", errors), properties);
        return errors.count() == before ? m : null;
    }

    private static EntitySpec entity(JsonNode root, String key, Errors errors) {
        JsonNode node = root.get(key);
        if (node == null || !node.isObject()) {
            errors.add(FILE, null, key, null, "'" + key + "' is required: an object with 'id' and/or 'name' (a column or "
                    + "a constant), and optionally 'type', 'country', 'sector'.");
            return null;
        }
        unknownKeys(node, ENTITY, key + ".", errors);
        Value id = value(node, "id", errors, key + ".id");
        Value name = value(node, "name", errors, key + ".name");
        if (id == null && name == null) errors.add(FILE, null, key, null, "'" + key + "' needs 'id' or 'name'.");
        if (id != null && id.constant() != null && !Names.isSlug(id.constant())) {
            errors.add(FILE, null, key + ".id", id.constant(), "An id must be lowercase letters, digits and hyphens (e.g. 'renault-tanger').");
        }
        Value type = value(node, "type", errors, key + ".type");
        if (type != null && type.constant() != null && NodeType.parse(type.constant()).isEmpty()) {
            errors.add(FILE, null, key + ".type", type.constant(), "Unknown node type. Allowed: " + Arrays.toString(NodeType.values()) + ".");
        }
        return new EntitySpec(id, name, type, value(node, "country", errors, key + ".country"), value(node, "sector", errors, key + ".sector"));
    }

    private static Value value(JsonNode parent, String key, Errors errors) {
        return value(parent, key, errors, key);
    }

    private static Value value(JsonNode parent, String key, Errors errors, String path) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) return null;
        if (v.isString() && !v.asString().isBlank()) return new Value(v.asString().strip(), null);
        if (v.isObject() && v.size() == 1 && v.has("column") && v.get("column").isString() && !v.get("column").asString().isBlank()) {
            return new Value(v.get("column").asString().strip(), null);
        }
        if (v.isObject() && v.size() == 1 && v.has("value") && (v.get("value").isString() || v.get("value").isNumber())) {
            return new Value(null, v.get("value").asString());
        }
        errors.add(FILE, null, path, v.toString(), "Expected a column name (\"Supplier\" or {\"column\": \"Supplier\"}) "
                + "or a constant ({\"value\": \"…\"}).");
        return null;
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String prefix, Errors errors) {
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) errors.add(FILE, null, prefix + name, name, "Unknown key. Allowed: " + allowed + ".");
        }
    }

    /** Every column the mapping reads. */
    List<String> columns() {
        List<String> out = new ArrayList<>();
        List<Value> all = new ArrayList<>(Arrays.asList(type, year, start, end, share, tier, document, quote));
        for (EntitySpec e : List.of(source, target)) all.addAll(Arrays.asList(e.id(), e.name(), e.type(), e.country(), e.sector()));
        all.addAll(properties.values());
        for (Value v : all) {
            if (v != null && v.column() != null && !out.contains(v.column())) out.add(v.column());
        }
        return out;
    }

    /** Reads and checks one record; null (with errors) if anything is wrong. */
    Row row(String file, int row, Map<String, Integer> header, CSVRecord record, Errors errors) {
        int before = errors.count();
        EntityRef s = entity(file, row, "source", source, header, record, errors);
        EntityRef t = entity(file, row, "target", target, header, record, errors);
        String typeText = type.get(header, record);
        RelType relType = RelType.parse(typeText).orElse(null);
        if (relType == null) {
            errors.add(file, row, column(type), typeText, (typeText.isEmpty() ? "Missing" : "Unknown")
                    + " relationship type. Allowed: " + Arrays.toString(RelType.values()) + ".");
        }
        Long y = year == null ? null : Parse.dateYear(errors, file, row, column(year), year.get(header, record));
        Long from = start == null ? null : Parse.dateYear(errors, file, row, column(start), start.get(header, record));
        Long to = end == null ? null : Parse.dateYear(errors, file, row, column(end), end.get(header, record));
        if (from != null && to != null && to < from) {
            errors.add(file, row, column(end), end.get(header, record), "End is before start " + from + ".");
        }
        Double sh = null;
        if (share != null && !share.get(header, record).isEmpty()) {
            sh = Parse.share(errors, file, row, column(share), share.get(header, record), false);
        }
        Long ti = null;
        if (tier != null && !tier.get(header, record).isEmpty()) {
            String text = tier.get(header, record);
            try {
                ti = Long.parseLong(text);
            } catch (NumberFormatException e) {
                ti = -1L;
            }
            if (ti < 1 || ti > 100) errors.add(file, row, column(tier), text, "Tier must be a whole number from 1 (first line) to 100.");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            String text = v.get(header, record);
            if (!text.isEmpty()) extra.put(k, text);
        });
        if (errors.count() > before) return null;
        return new Row(row, s, t, relType, y, from, to, sh, ti, text(document, header, record), text(quote, header, record), extra);
    }

    private static String text(Value v, Map<String, Integer> header, CSVRecord record) {
        if (v == null) return null;
        String s = v.get(header, record);
        return s.isEmpty() ? null : s;
    }

    private static String column(Value v) {
        return v.column() != null ? v.column() : null;
    }

    private static EntityRef entity(String file, int row, String role, EntitySpec spec, Map<String, Integer> header,
                                    CSVRecord record, Errors errors) {
        String id = text(spec.id(), header, record);
        String name = text(spec.name(), header, record);
        if (id == null && name == null) {
            Value v = spec.name() != null ? spec.name() : spec.id();
            errors.add(file, row, column(v), "", "Missing " + role + ": no " + (spec.name() != null ? "name" : "id") + ".");
            return null;
        }
        if (id != null && !Names.isSlug(id)) {
            errors.add(file, row, column(spec.id()), id, "An id must be lowercase letters, digits and hyphens (e.g. 'renault-tanger').");
            return null;
        }
        if (name != null && Names.matchKey(name).isEmpty()) {
            errors.add(file, row, column(spec.name()), name, "A name needs at least one letter or digit.");
            return null;
        }
        if (name != null && name.length() > Names.MAX_LENGTH) {
            errors.add(file, row, column(spec.name()), name.substring(0, 60) + "…",
                    "At most " + Names.MAX_LENGTH + " characters (got " + name.length() + ").");
            return null;
        }
        NodeType type = NodeType.Company;
        String typeText = text(spec.type(), header, record);
        if (typeText != null) {
            type = NodeType.parse(typeText).orElse(null);
            if (type == null) {
                errors.add(file, row, column(spec.type()), typeText, "Unknown node type. Allowed: " + Arrays.toString(NodeType.values()) + ".");
                return null;
            }
        }
        String country = text(spec.country(), header, record);
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            errors.add(file, row, column(spec.country()), country, "Country must be an ISO 3166-1 alpha-2 code such as MA or FR.");
            return null;
        }
        return new EntityRef(id, name, type, country == null ? null : country.toUpperCase(), text(spec.sector(), header, record));
    }
}

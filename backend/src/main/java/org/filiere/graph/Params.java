package org.filiere.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parsing and bounds of request parameters. Everything a request can name that ends up in a
 * Cypher text (relationship types, labels, depths) passes through here first.
 */
public final class Params {

    private Params() {
    }

    public static int bounded(String name, Integer value, int defaultValue, int min, int max) {
        int v = value == null ? defaultValue : value;
        if (v < min || v > max) {
            throw new BadRequestException(name, "Parameter '" + name + "' must be between " + min + " and " + max
                    + " (got " + v + ").");
        }
        return v;
    }

    public static Integer year(String name, Integer value) {
        if (value != null && (value < 1800 || value > 2200)) {
            throw new BadRequestException(name, "Parameter '" + name + "' must be a year between 1800 and 2200 (got " + value + ").");
        }
        return value;
    }

    public static String id(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name, "Parameter '" + name + "' is required.");
        }
        if (!Names.isSlug(value)) {
            throw new BadRequestException(name, "Parameter '" + name + "' must be an entity id: lowercase letters, digits and hyphens (e.g. 'royal-air-maroc').");
        }
        return value;
    }

    /**
     * Comma-separated relationship types, as stored ({@link RelType#stored()}: CUSTOMER_OF asks for
     * the supply links it is stored as); empty means "all" (returned as {@code null}).
     */
    public static Set<RelType> relTypes(String name, String value) {
        List<String> names = split(value);
        if (names.isEmpty()) return null;
        Set<RelType> types = EnumSet.noneOf(RelType.class);
        for (String n : names) {
            types.add(RelType.parse(n).orElseThrow(() -> new BadRequestException(name, "Unknown relationship type '"
                    + abbreviate(n) + "' in '" + name + "'. Allowed: " + Arrays.toString(RelType.values()) + ".")).stored());
        }
        return types;
    }

    /** Comma-separated node types; empty means "all" (returned as {@code null}). */
    public static Set<NodeType> nodeTypes(String name, String value) {
        List<String> names = split(value);
        if (names.isEmpty()) return null;
        Set<NodeType> types = EnumSet.noneOf(NodeType.class);
        for (String n : names) {
            types.add(NodeType.parse(n).orElseThrow(() -> new BadRequestException(name, "Unknown node type '"
                    + abbreviate(n) + "' in '" + name + "'. Allowed: " + Arrays.toString(NodeType.values()) + ".")));
        }
        return types;
    }

    /** Relationship types and node types in one list (their names never collide); {@code null} = not given. */
    public record MixedTypes(Set<RelType> relTypes, Set<NodeType> nodeTypes) {
    }

    public static MixedTypes mixedTypes(String name, String value) {
        Set<RelType> rels = EnumSet.noneOf(RelType.class);
        Set<NodeType> nodes = EnumSet.noneOf(NodeType.class);
        for (String n : split(value)) {
            var rel = RelType.parse(n);
            var node = NodeType.parse(n);
            if (rel.isPresent()) rels.add(rel.get().stored());
            else if (node.isPresent()) nodes.add(node.get());
            else throw new BadRequestException(name, "Unknown type '" + abbreviate(n) + "' in '" + name
                    + "'. Allowed: relationship types " + Arrays.toString(RelType.values()) + " and node types "
                    + Arrays.toString(NodeType.values()) + ".");
        }
        return new MixedTypes(rels.isEmpty() ? null : rels, nodes.isEmpty() ? null : nodes);
    }

    public static <E extends Enum<E>> E choice(String name, String value, E defaultValue, Class<E> type) {
        if (value == null || value.isBlank()) return defaultValue;
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.strip())) return e;
        }
        throw new BadRequestException(name, "Parameter '" + name + "' must be one of "
                + Arrays.toString(type.getEnumConstants()).toLowerCase() + " (got '" + abbreviate(value) + "').");
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) return out;
        for (String s : value.split(",")) {
            if (!s.isBlank()) out.add(s.strip());
        }
        return out;
    }

    public static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}

package org.filiere.importing;

import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches names of the mapped-CSV and FollowTheMoney formats to entities: by id, else by
 * {@link Names#matchKey} of a name or alias (case, accents, punctuation and trailing legal forms
 * ignored), else a new entity. A new name close to another one (similarity at least
 * {@code threshold}, see {@link Names#similarity}) is not merged: the pair is returned for a
 * {@code POSSIBLY_SAME_AS} link that a curator can review.
 *
 * <p>People match people, organisations organisations; countries, regions and sectors are never
 * matched by name. The graph's names are read once per import, in the import's transaction, so
 * entities created by an earlier import are seen.
 */
final class EntityResolver {

    /** Closest candidates kept per new name: enough for review, not a flood for a common word. */
    static final int MAX_FLAGS_PER_NAME = 3;

    record Flag(String newId, String otherId, String newName, String otherName, double similarity) {
    }

    private record Known(String id, String key, String name) {
    }

    private final double threshold;
    private final Set<String> ids = new HashSet<>();
    private final Set<String> created = new HashSet<>();
    private final Map<String, String> byKey = new HashMap<>();
    private final Map<String, List<Known>> blocks = new HashMap<>();

    EntityResolver(double threshold) {
        this.threshold = threshold;
    }

    /** Reads every entity's id, type, name and aliases (inside the caller's transaction). */
    static EntityResolver load(Neo4jClient client, double threshold) {
        EntityResolver r = new EntityResolver(threshold);
        Collection<Map<String, Object>> rows = client.query(
                "MATCH (n:Entity) RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases ORDER BY n.id").fetch().all();
        List<Object[]> aliases = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("id");
            r.ids.add(id);
            String kind = kind(NodeType.parse(String.valueOf(row.get("type"))).orElse(null));
            if (kind == null || row.get("name") == null) continue;
            String name = (String) row.get("name");
            r.index(kind, id, name, true);
            if (row.get("aliases") instanceof List<?> list) aliases.add(new Object[]{kind, id, list});
        }
        // Names first, then aliases: a name wins over another entity's alias.
        for (Object[] a : aliases) {
            for (Object alias : (List<?>) a[2]) {
                if (alias != null) r.index((String) a[0], (String) a[1], alias.toString(), false);
            }
        }
        return r;
    }

    /** "p" for people, "o" for organisations, null for what is never matched by name. */
    static String kind(NodeType type) {
        if (type == null || type == NodeType.Country || type == NodeType.Region || type == NodeType.Sector) return null;
        return type == NodeType.Person ? "p" : "o";
    }

    private void index(String kind, String id, String name, boolean block) {
        String key = Names.matchKey(name);
        if (key.isEmpty()) return;
        byKey.putIfAbsent(kind + "|" + key, id);
        if (block) {
            Known k = new Known(id, key, name);
            for (String prefix : prefixes(kind, key)) blocks.computeIfAbsent(prefix, p -> new ArrayList<>()).add(k);
        }
    }

    private static Set<String> prefixes(String kind, String key) {
        Set<String> out = new HashSet<>();
        for (String token : key.split(" ")) {
            if (!token.isEmpty()) out.add(kind + "|" + token.substring(0, Math.min(3, token.length())));
        }
        return out;
    }

    boolean exists(String id) {
        return ids.contains(id);
    }

    /** Whether {@code id} was created by this import (as opposed to found in the graph). */
    boolean isNew(String id) {
        return created.contains(id);
    }

    /** The entity whose name or alias has the same match key, or null. */
    String find(String name, NodeType type) {
        String kind = kind(type);
        String key = Names.matchKey(name);
        return kind == null || key.isEmpty() ? null : byKey.get(kind + "|" + key);
    }

    /**
     * A new entity: {@code preferredId} if free, else the slug of its name's match key (with -2,
     * -3… if taken). With {@code claimName}, later names with the same key resolve to it. Close names
     * (including an equal key held by another entity, when the name is not claimed) go to
     * {@code flags}, best first.
     */
    String create(String name, NodeType type, String preferredId, boolean claimName, List<Flag> flags) {
        // The slug of the match key: the same id whichever spelling comes first ("Acme S.A." or "ACME" → "acme").
        String base = preferredId != null && Names.isSlug(preferredId) ? preferredId : Names.slug(Names.matchKey(name));
        if (base.isEmpty()) base = "entity";
        if (base.length() > 110) base = base.substring(0, 110).replaceAll("-+$", "");
        String id = base;
        for (int i = 2; ids.contains(id); i++) id = base + "-" + i;
        ids.add(id);
        created.add(id);
        String kind = kind(type);
        String key = Names.matchKey(name);
        if (kind != null && !key.isEmpty()) {
            List<Flag> found = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String prefix : prefixes(kind, key)) {
                for (Known k : blocks.getOrDefault(prefix, List.of())) {
                    if (k.id().equals(id) || !seen.add(k.id())) continue;
                    double s = Names.similarity(key, k.key(), threshold);
                    if (s >= threshold && (!k.key().equals(key) || !claimName)) {
                        found.add(new Flag(id, k.id(), name, k.name(), Math.round(s * 100) / 100.0));
                    }
                }
            }
            found.sort(Comparator.comparingDouble(Flag::similarity).reversed().thenComparing(Flag::otherId));
            flags.addAll(found.subList(0, Math.min(MAX_FLAGS_PER_NAME, found.size())));
            if (claimName) byKey.putIfAbsent(kind + "|" + key, id);
            Known k = new Known(id, key, name);
            for (String prefix : prefixes(kind, key)) blocks.computeIfAbsent(prefix, p -> new ArrayList<>()).add(k);
        }
        return id;
    }

    /** Node properties of a new entity (provenance constants are added by the writer). */
    static Map<String, Object> nodeProperties(String id, String name, NodeType type, Collection<String> aliases, String country,
                                              String sector, String document, List<String> quotes, int row) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("name", name);
        p.put("type", type.name());
        p.put("normalisedName", Names.normalise(name));
        List<String> aliasList = new ArrayList<>(aliases);
        p.put("aliases", aliasList);
        p.put("aliasText", Names.aliasText(name, aliasList));
        if (country != null) p.put("country", country);
        if (sector != null) p.put("sector", sector);
        if (document != null) p.put("document", document);
        p.put("quotes", quotes);
        p.put("row", row);
        return p;
    }

    /** Properties of the POSSIBLY_SAME_AS link for a flag. */
    static Map<String, Object> flagProperties(Flag f, int row) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", f.newId() + ".POSSIBLY_SAME_AS." + f.otherId());
        p.put("similarity", f.similarity());
        p.put("inferred", true);
        p.put("reason", "Imported name '" + f.newName() + "' is close to '" + f.otherName() + "' (similarity "
                + f.similarity() + "); not merged, left for review.");
        p.put("quotes", List.of());
        p.put("row", row);
        return p;
    }
}

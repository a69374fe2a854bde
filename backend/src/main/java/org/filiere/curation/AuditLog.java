package org.filiere.curation;

import org.filiere.graph.NotFoundException;
import org.filiere.graph.ReadQueries;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail of curation, kept in the graph itself so that a change and its record commit in
 * the same transaction: a crash leaves both or neither.
 *
 * <p>Each change is one {@code :__Audit} node (who, when, action, before and after as JSON text);
 * each entity it concerns gets a small {@code :__AuditEntry} (indexed on {@code entity}) that points
 * to it by {@code change} id. Neither label is {@code :Entity} and neither is linked to an entity,
 * so no traversal, search, export or count of user data — all of which start from {@code :Entity}
 * — ever meets them (the same way {@code :__Dataset} and {@code :__Migration} stay out).
 */
@Component
public class AuditLog {

    /** How an entity is concerned by a change: its subject, an end of a changed relationship, or a merge's two sides. */
    enum Role { subject, endpoint, neighbour, survivor, merged }

    /** One recorded change, as the history endpoint lists it. */
    public record Change(String change, String at, String user, String action, String subject, String subjectId,
                         Object before, Object after, String comment, String survivor, String merged) {
    }

    public record History(String entity, boolean exists, String mergedInto, List<String> includes, long total,
                          int offset, int limit, List<Change> changes) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Orders changes recorded within the same clock tick. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Neo4jClient client;
    private final ReadQueries reads;

    public AuditLog(Neo4jClient client, ReadQueries reads) {
        this.client = client;
        this.reads = reads;
    }

    /** What {@link #record} writes: the change and which entities it concerns. */
    record Entry(String user, String action, String subject, String subjectId, Object before, Object after, String comment,
                 Map<String, Role> entities, String survivor, String merged) {
    }

    /**
     * Writes the record of a change. Must run inside the write transaction of the change itself
     * (the caller's {@code TransactionTemplate}), never on its own.
     */
    void record(Entry e) {
        String change = UUID.randomUUID().toString();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("at", ZonedDateTime.now(ZoneOffset.UTC));
        props.put("seq", SEQUENCE.incrementAndGet());
        props.put("user", e.user());
        props.put("action", e.action());
        props.put("subject", e.subject());
        props.put("subjectId", e.subjectId());
        props.put("before", e.before() == null ? null : JSON.writeValueAsString(jsonable(e.before())));
        props.put("after", e.after() == null ? null : JSON.writeValueAsString(jsonable(e.after())));
        props.put("comment", e.comment());
        props.put("entities", new ArrayList<>(e.entities().keySet()));
        props.put("survivor", e.survivor());
        props.put("merged", e.merged());
        props.values().removeIf(v -> v == null);
        List<Map<String, Object>> entries = new ArrayList<>();
        e.entities().forEach((id, role) -> entries.add(Map.of("entity", id, "role", role.name())));
        client.query("""
                CREATE (a:__Audit {change: $change})
                SET a += $props
                WITH a
                UNWIND $entries AS e
                CREATE (:__AuditEntry {entity: e.entity, role: e.role, change: $change, at: a.at})
                """).bindAll(Map.of("change", change, "props", props, "entries", entries)).run();
    }

    /**
     * Where merged-away entities live now: for each given id that is no entity but was merged into
     * another, the entity that holds it today (following merges of merges). Ids that are entities,
     * or that no merge took, are left out. Imports and a dataset's new version use it so that a file
     * naming a merged entity by its old id links to the survivor instead of bringing the duplicate back.
     */
    public static Map<String, String> survivors(Neo4jClient client, Collection<String> ids) {
        Map<String, String> out = new HashMap<>();
        // The id to look up next → the given ids that lead to it.
        Map<String, List<String>> pending = new HashMap<>();
        for (String id : ids) pending.computeIfAbsent(id, k -> new ArrayList<>()).add(id);
        // Each round moves every pending id one merge on; chains are short, the bound guards a cycle.
        for (int round = 0; round < 50 && !pending.isEmpty(); round++) {
            Map<String, List<String>> next = new HashMap<>();
            List<String> lookup = List.copyOf(pending.keySet());
            for (int i = 0; i < lookup.size(); i += 10_000) {
                for (Map<String, Object> row : client.query("""
                        UNWIND $ids AS id
                        WITH id WHERE NOT EXISTS { MATCH (:Entity {id: id}) }
                        MATCH (e:__AuditEntry {entity: id, role: 'merged'})
                        MATCH (a:__Audit {change: e.change})
                        WITH id, a ORDER BY a.at DESC
                        WITH id, collect(a.survivor)[0] AS survivor
                        RETURN id, survivor, EXISTS { MATCH (:Entity {id: survivor}) } AS exists
                        """).bind(lookup.subList(i, Math.min(lookup.size(), i + 10_000))).to("ids").fetch().all()) {
                    List<String> given = pending.get((String) row.get("id"));
                    String survivor = (String) row.get("survivor");
                    if (Boolean.TRUE.equals(row.get("exists"))) given.forEach(g -> out.put(g, survivor));
                    else next.computeIfAbsent(survivor, k -> new ArrayList<>()).addAll(given);
                }
            }
            pending = next;
        }
        return out;
    }

    /**
     * Which of the given entity or relationship ids ({@code subject} "entity" or "relationship") a
     * curator deleted, dismissed or, for entities, merged into another, after {@code since} (null:
     * ever). A dataset's new version leaves them out rather than restoring them.
     */
    public static Set<String> removedByCurators(Neo4jClient client, String subject, Collection<String> ids, ZonedDateTime since) {
        if (ids.isEmpty()) return Set.of();
        Map<String, Object> params = new HashMap<>();
        params.put("subject", subject);
        params.put("ids", List.copyOf(ids));
        params.put("since", since);
        return new HashSet<>(client.query("""
                MATCH (a:__Audit) WHERE a.action IN ['delete', 'dismiss', 'merge'] AND ($since IS NULL OR a.at > $since)
                  AND CASE a.action WHEN 'merge' THEN $subject = 'entity' AND a.merged IN $ids
                                    ELSE a.subject = $subject AND a.subjectId IN $ids END
                RETURN DISTINCT CASE a.action WHEN 'merge' THEN a.merged ELSE a.subjectId END
                """).bindAll(params).fetchAs(String.class).all());
    }

    /**
     * Which properties curators changed on the given entities or relationships ({@code subject}
     * "entity" or "relationship") after {@code since} (null: ever), per id: by an edit, or, for an
     * entity, as the survivor of a merge (its aliases, merged ids, quotes). Read from each change's
     * before and after, so a field set back to its old value still counts as a curator's.
     */
    public static Map<String, Set<String>> changedProperties(Neo4jClient client, String subject, Collection<String> ids,
                                                             ZonedDateTime since) {
        Map<String, Set<String>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        Map<String, Object> params = new HashMap<>();
        params.put("subject", subject);
        params.put("ids", List.copyOf(ids));
        params.put("since", since);
        for (Map<String, Object> row : client.query("""
                MATCH (a:__Audit) WHERE a.action IN ['edit', 'merge'] AND ($since IS NULL OR a.at > $since)
                  AND a.subject = $subject AND a.subjectId IN $ids
                RETURN a.action AS action, a.subjectId AS id, a.before AS before, a.after AS after
                """).bindAll(params).fetch().all()) {
            Map<?, ?> before = properties(row.get("action"), subject, parse(row.get("before")));
            Map<?, ?> after = properties(row.get("action"), subject, parse(row.get("after")));
            Set<Object> keys = new HashSet<>(before.keySet());
            keys.addAll(after.keySet());
            for (Object k : keys) {
                if (!"id".equals(k) && !java.util.Objects.equals(before.get(k), after.get(k))) {
                    out.computeIfAbsent((String) row.get("id"), x -> new HashSet<>()).add((String) k);
                }
            }
        }
        return out;
    }

    /** The properties in one side of a change record: a merge keeps the survivor's under "survivor", a link's under "properties". */
    private static Map<?, ?> properties(Object action, String subject, Object side) {
        Object props = side;
        if ("merge".equals(action) && side instanceof Map<?, ?> m) props = m.get("survivor");
        else if ("relationship".equals(subject) && side instanceof Map<?, ?> m) props = m.get("properties");
        return props instanceof Map<?, ?> m ? m : Map.of();
    }

    /**
     * Whether a curator ever took one of these actions: imports (merges) and a dataset's new version
     * (merges, deletions, dismissals) skip their look-ups when none was taken.
     */
    public static boolean any(Neo4jClient client, List<String> actions) {
        return client.query("MATCH (a:__Audit) WHERE a.action IN $actions RETURN count(a) > 0 AS any").bind(actions).to("actions")
                .fetchAs(Boolean.class).one().orElse(false);
    }

    /**
     * The changes that concern an entity, newest first: its own, those of its relationships, and
     * those of every entity merged into it (transitively). A merged-away or deleted id keeps its
     * history; {@code mergedInto} then names the survivor.
     */
    public History history(String id, boolean exists, int offset, int limit) {
        return reads.read(c -> {
            Set<String> ids = new LinkedHashSet<>(List.of(id));
            Deque<String> todo = new ArrayDeque<>(ids);
            while (!todo.isEmpty() && ids.size() < 10_000) {
                for (String merged : c.query("""
                        MATCH (e:__AuditEntry {entity: $id, role: 'survivor'})
                        MATCH (a:__Audit {change: e.change})
                        RETURN a.merged
                        """).bind(todo.pop()).to("id").fetchAs(String.class).all()) {
                    if (ids.add(merged)) todo.add(merged);
                }
            }
            String mergedInto = exists ? null : c.query("""
                    MATCH (e:__AuditEntry {entity: $id, role: 'merged'})
                    MATCH (a:__Audit {change: e.change})
                    RETURN a.survivor ORDER BY a.at DESC LIMIT 1
                    """).bind(id).to("id").fetchAs(String.class).one().orElse(null);
            var page = c.query("""
                    MATCH (e:__AuditEntry) WHERE e.entity IN $ids
                    WITH DISTINCT e.change AS change
                    MATCH (a:__Audit {change: change})
                    WITH a ORDER BY a.at DESC, a.seq DESC
                    WITH collect(a) AS changes
                    RETURN size(changes) AS total, changes[$offset..$offset + $limit] AS page
                    """).bindAll(Map.of("ids", List.copyOf(ids), "offset", offset, "limit", limit))
                    .fetchAs(Map.class).mappedBy((t, r) -> Map.of("total", r.get("total").asLong(),
                            "page", r.get("page").asList(v -> toChange(v.asNode().asMap())))).one().orElseThrow();
            long total = (Long) page.get("total");
            if (total == 0 && !exists) throw new NotFoundException("No entity with id '" + id + "', and no recorded history for it.");
            @SuppressWarnings("unchecked") List<Change> changes = (List<Change>) page.get("page");
            return new History(id, exists, mergedInto, List.copyOf(ids).subList(1, ids.size()), total, offset, limit, changes);
        });
    }

    private static Change toChange(Map<String, Object> a) {
        return new Change((String) a.get("change"), a.get("at").toString(), (String) a.get("user"), (String) a.get("action"),
                (String) a.get("subject"), (String) a.get("subjectId"), parse(a.get("before")), parse(a.get("after")),
                (String) a.get("comment"), (String) a.get("survivor"), (String) a.get("merged"));
    }

    private static Object parse(Object json) {
        return json == null ? null : JSON.readValue((String) json, Object.class);
    }

    /** Graph values as JSON can hold them: dates and times as ISO text. */
    static Object jsonable(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), jsonable(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(AuditLog::jsonable).toList();
        if (v instanceof TemporalAccessor) return v.toString();
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return v;
        return v.toString();
    }
}

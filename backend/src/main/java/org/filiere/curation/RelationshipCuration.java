package org.filiere.curation;

import org.filiere.curation.AuditLog.Role;
import org.filiere.graph.BadRequestException;
import org.filiere.graph.ConflictException;
import org.filiere.graph.Endpoints;
import org.filiere.graph.InvalidInputException;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.NotFoundException;
import org.filiere.graph.ReadQueries;
import org.filiere.graph.RelType;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates, reads, edits, deletes and dismisses relationships. A relationship's id is
 * {@code source.TYPE.target} (symmetric types: the two ids in alphabetical order), as in the
 * dataset and imports. Each change runs with its audit record in one write transaction.
 */
@Service
public class RelationshipCuration {

    private static final Pattern ID = Pattern.compile("([a-z0-9]+(?:-[a-z0-9]+)*)\\.([A-Z_]+)\\.([a-z0-9]+(?:-[a-z0-9]+)*)");
    static final Set<String> EDITABLE = Set.of("year", "start", "end", "share", "tier", "document", "quotes", "inferred", "reason");
    private static final Set<String> ENDS = Set.of("source", "target", "type");

    public record End(String id, String name, String type) {
    }

    /** A relationship as the API shows it: ends with names, and every property. */
    public record Relationship(String id, String type, End source, End target, Map<String, Object> properties) {
    }

    public record Page(String type, long total, int offset, int limit, List<Relationship> relationships) {
    }

    private final Neo4jClient client;
    private final ReadQueries reads;
    private final Writes tx;
    private final AuditLog audit;

    public RelationshipCuration(Neo4jClient client, ReadQueries reads, PlatformTransactionManager transactions, AuditLog audit) {
        this.client = client;
        this.reads = reads;
        this.audit = audit;
        this.tx = new Writes(transactions);
    }

    /** The parts of a relationship id; 400 when it is not of the form source.TYPE.target. */
    record Id(String source, RelType type, String target) {
        String value() {
            return source + "." + type.name() + "." + target;
        }
    }

    static Id parseId(String id) {
        Matcher m = id == null ? null : ID.matcher(id);
        Optional<RelType> type = m != null && m.matches() ? Arrays.stream(RelType.values()).filter(t -> t.name().equals(m.group(2))).findFirst()
                : Optional.empty();
        if (type.isEmpty() || !Names.isSlug(m.group(1)) || !Names.isSlug(m.group(3))) {
            throw new BadRequestException("id", "A relationship id is source.TYPE.target with entity ids and one of the "
                    + "relationship types (e.g. 'dacia.BRAND_OF.renault').");
        }
        // An id given the other way than stored names the stored link: a.CUSTOMER_OF.b (from an export
        // or bookmark made before customer links were stored as supply links) is b.SUPPLIES.a, and
        // zeta.PARTNER_OF.alpha is alpha.PARTNER_OF.zeta.
        RelType.Stored stored = type.get().store(m.group(1), m.group(3));
        return new Id(stored.source(), stored.type(), stored.target());
    }

    // --- reads ---------------------------------------------------------------------------------

    private static final String VIEW = """
            RETURN r.id AS id, type(r) AS type, a.id AS sid, a.name AS sname, a.type AS stype,
                   b.id AS tid, b.name AS tname, b.type AS ttype, properties(r) AS props
            """;

    private static Relationship view(org.neo4j.driver.Record r) {
        return new Relationship(r.get("id").asString(), r.get("type").asString(),
                new End(r.get("sid").asString(), r.get("sname").asString(null), r.get("stype").asString(null)),
                new End(r.get("tid").asString(), r.get("tname").asString(null), r.get("ttype").asString(null)),
                new TreeMap<>(r.get("props").asMap()));
    }

    public Relationship get(String idText) {
        Id id = parseId(idText);
        return reads.read(c -> c.query("MATCH (a:Entity {id: $source})-[r]->(b:Entity {id: $target}) WHERE r.id = $id AND type(r) = $type "
                        + VIEW).bindAll(Map.of("source", id.source(), "target", id.target(), "id", id.value(), "type", id.type().name()))
                .fetchAs(Relationship.class).mappedBy((t, r) -> view(r)).one())
                .orElseThrow(() -> notFound(id.value()));
    }

    /** Relationships of one type, by id (e.g. the POSSIBLY_SAME_AS pairs a curator reviews). */
    /** {@code inferred}: only the links a source implies (true), only those it states (false), or both (null). */
    public Page list(RelType type, Boolean inferred, int offset, int limit) {
        // The type comes from the RelType allow-list, so it may sit in the query text (and use the type index).
        String match = "MATCH (a:Entity)-[r:" + type.name() + "]->(b:Entity) "
                + (inferred == null ? "" : "WHERE coalesce(r.inferred, false) = $inferred ");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("offset", offset, "limit", limit));
        if (inferred != null) params.put("inferred", inferred);
        return reads.read(c -> {
            long total = c.query(match + "RETURN count(r)").bindAll(params).fetchAs(Long.class).one().orElse(0L);
            List<Relationship> page = c.query(match + "WITH a, r, b ORDER BY r.id SKIP $offset LIMIT $limit " + VIEW)
                    .bindAll(params).fetchAs(Relationship.class).mappedBy((t, r) -> view(r)).all()
                    .stream().toList();
            return new Page(type.name(), total, offset, limit, page);
        });
    }

    // --- writes --------------------------------------------------------------------------------

    /** @return the new relationship's id */
    public String create(JsonNode json, String user) {
        Set<String> fields = new LinkedHashSet<>(EDITABLE);
        fields.addAll(ENDS);
        fields.add("comment");
        Body b = new Body(json, fields);
        String source = endId(b, "source");
        String target = endId(b, "target");
        RelType given = relType(b);
        if (source != null && source.equals(target)) b.error("target", "A relationship joins two different entities.");
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> remove = new LinkedHashSet<>();
        readEditable(b, values, remove);
        String comment = b.text("comment", 1000, false);
        consistency(values).forEach(e -> b.error(e.field(), e.message()));
        b.check();
        String givenSource = source;
        String givenTarget = target;
        RelType.Stored stored = given.store(source, target);
        RelType type = stored.type();
        source = stored.source();
        target = stored.target();
        Id id = new Id(source, type, target);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", id.value());
        props.put("dataset", EntityCuration.DATASET);
        props.put("quotes", List.of());
        props.put("quoteSections", List.of());
        props.put("inferred", false);
        props.putAll(values);
        String s = source;
        String t = target;
        tx.executeWithoutResult(status -> {
            Map<String, NodeType> types = new LinkedHashMap<>();
            // Locked, then read again (see GraphState.lockEntity): an end deleted meanwhile is missing.
            client.query("MATCH (n:Entity) WHERE n.id IN [$s, $t] SET n.__lock = true REMOVE n.__lock")
                    .bindAll(Map.of("s", s, "t", t)).run();
            client.query("MATCH (n:Entity) WHERE n.id IN [$s, $t] RETURN n.id AS id, n.type AS type")
                    .bindAll(Map.of("s", s, "t", t)).fetch().all()
                    .forEach(row -> types.put((String) row.get("id"), NodeType.parse(String.valueOf(row.get("type"))).orElse(null)));
            List<InvalidInputException.FieldError> missing = new java.util.ArrayList<>();
            if (!types.containsKey(givenSource)) missing.add(new InvalidInputException.FieldError("source", givenSource, "No entity with this id."));
            if (!types.containsKey(givenTarget)) missing.add(new InvalidInputException.FieldError("target", givenTarget, "No entity with this id."));
            if (!missing.isEmpty()) throw new InvalidInputException(missing);
            // Checked as given, so the message speaks of the type and direction the curator chose.
            if (types.get(givenSource) != null && types.get(givenTarget) != null) {
                Endpoints.problem(types.get(givenSource), given, types.get(givenTarget)).ifPresent(p -> {
                    throw new InvalidInputException("type", given.name(), p);
                });
            }
            boolean exists = client.query("""
                    MATCH (a:Entity {id: $s})-[r]-(b:Entity {id: $t})
                    WHERE type(r) = $type AND (startNode(r) = a OR $symmetric)
                    RETURN count(r) > 0
                    """).bindAll(Map.of("s", s, "t", t, "type", type.name(), "symmetric", type.symmetric()))
                    .fetchAs(Boolean.class).one().orElse(false);
            if (exists) {
                throw new ConflictException("This relationship exists already: " + id.value() + ". Edit it (PATCH) instead.");
            }
            client.query("""
                    MATCH (a:Entity {id: $s}), (b:Entity {id: $t})
                    CREATE (a)-[r:$($type)]->(b)
                    SET r = $props
                    """).bindAll(Map.of("s", s, "t", t, "type", type.name(), "props", props)).run();
            audit.record(new AuditLog.Entry(user, "create", "relationship", id.value(), null, snapshot(id.value(), type, s, t, props),
                    comment, ends(s, t), null, null));
        });
        return id.value();
    }

    public void edit(String idText, JsonNode json, String user) {
        Id id = parseId(idText);
        Set<String> fields = new LinkedHashSet<>(EDITABLE);
        fields.addAll(ENDS);
        fields.add("comment");
        Body b = new Body(json, fields);
        for (String end : ENDS) {
            if (b.has(end)) b.error(end, "The ends and type of a relationship cannot be changed: delete it and create another.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> remove = new LinkedHashSet<>();
        readEditable(b, values, remove);
        String comment = b.text("comment", 1000, false);
        b.check();
        tx.executeWithoutResult(status -> {
            Map<String, Object> old = lock(id);
            Map<String, Object> props = new LinkedHashMap<>(old);
            props.putAll(values);
            props.keySet().removeAll(remove);
            if (values.containsKey("inferred") && Boolean.FALSE.equals(values.get("inferred"))) props.remove("reason");
            List<InvalidInputException.FieldError> inconsistent = consistency(props);
            if (!inconsistent.isEmpty()) throw new InvalidInputException(inconsistent);
            if (props.equals(old)) return;
            client.query("""
                    MATCH (:Entity {id: $s})-[r]->(:Entity {id: $t}) WHERE r.id = $id
                    SET r = $props
                    """).bindAll(Map.of("s", id.source(), "t", id.target(), "id", id.value(), "props", props)).run();
            audit.record(new AuditLog.Entry(user, "edit", "relationship", id.value(),
                    snapshot(id.value(), id.type(), id.source(), id.target(), old),
                    snapshot(id.value(), id.type(), id.source(), id.target(), props), comment, ends(id.source(), id.target()), null, null));
        });
    }

    public void delete(String idText, String comment, String user) {
        remove(parseId(idText), comment, user, "delete");
    }

    /** Resolves a "possibly the same" link as "not the same": the link goes, the decision stays in the audit trail. */
    public void dismiss(String idText, JsonNode json, String user) {
        Id id = parseId(idText);
        if (id.type() != RelType.POSSIBLY_SAME_AS) {
            // A link that is not there is "not found", whatever its id says its type is.
            if (!exists(id)) throw notFound(id.value());
            throw new ConflictException("Only a POSSIBLY_SAME_AS link can be dismissed; '" + id.value() + "' is a "
                    + id.type() + " (delete it instead).");
        }
        String comment = null;
        if (json != null && !json.isNull() && !(json.isObject() && json.isEmpty())) {
            Body b = new Body(json, Set.of("comment"));
            comment = b.text("comment", 1000, false);
            b.check();
        }
        remove(id, comment, user, "dismiss");
    }

    private void remove(Id id, String comment, String user, String action) {
        if (comment != null && comment.length() > 1000) throw new InvalidInputException("comment", null, "At most 1000 characters.");
        tx.executeWithoutResult(status -> {
            Map<String, Object> old = lock(id);
            client.query("MATCH (:Entity {id: $s})-[r]->(:Entity {id: $t}) WHERE r.id = $id DELETE r")
                    .bindAll(Map.of("s", id.source(), "t", id.target(), "id", id.value())).run();
            audit.record(new AuditLog.Entry(user, action, "relationship", id.value(),
                    snapshot(id.value(), id.type(), id.source(), id.target(), old), null, EntityCuration.blankToNull(comment),
                    ends(id.source(), id.target()), null, null));
        });
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The relationship an id names, as {@code r}; parameters from {@link #params(Id)}. */
    private static final String MATCH_LINK = "MATCH (:Entity {id: $s})-[r]->(:Entity {id: $t}) WHERE r.id = $id AND type(r) = $type\n";

    private static Map<String, Object> params(Id id) {
        return Map.of("s", id.source(), "t", id.target(), "id", id.value(), "type", id.type().name());
    }

    private boolean exists(Id id) {
        return client.query(MATCH_LINK + "RETURN count(r) > 0 AS found").bindAll(params(id))
                .fetchAs(Boolean.class).one().orElse(false);
    }

    /** The relationship's properties, write-locked until the transaction ends; 404 when there is none. */
    private Map<String, Object> lock(Id id) {
        Map<String, Object> params = params(id);
        // Read again once locked, as GraphState.lockEntity does: the first read may predate a deletion.
        client.query(MATCH_LINK + """
                SET r.__lock = true
                REMOVE r.__lock
                """).bindAll(params).run();
        return client.query(MATCH_LINK + "RETURN properties(r) AS props").bindAll(params)
                .fetchAs(Map.class).mappedBy((t, r) -> new LinkedHashMap<>(r.get("props").asMap())).one()
                .map(m -> {
                    @SuppressWarnings("unchecked") Map<String, Object> props = (Map<String, Object>) m;
                    return props;
                })
                .orElseThrow(() -> notFound(id.value()));
    }

    private static Map<String, Object> snapshot(String id, RelType type, String source, String target, Map<String, Object> props) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("type", type.name());
        out.put("source", source);
        out.put("target", target);
        out.put("properties", props);
        return out;
    }

    private static Map<String, Role> ends(String source, String target) {
        Map<String, Role> out = new LinkedHashMap<>();
        out.put(source, Role.endpoint);
        out.put(target, Role.endpoint);
        return out;
    }

    private static String endId(Body b, String field) {
        String id = b.text(field, 120, true);
        if (id != null && !Names.isSlug(id)) {
            b.error(field, "Must be an entity id: lowercase letters, digits and hyphens (e.g. 'royal-air-maroc').");
            return null;
        }
        return id;
    }

    private static RelType relType(Body b) {
        String text = b.text("type", 40, true);
        if (text == null) return null;
        Optional<RelType> type = RelType.parse(text);
        if (type.isEmpty()) b.error("type", "Unknown relationship type. Allowed: " + Arrays.toString(RelType.values()) + ".");
        return type.orElse(null);
    }

    /** The editable properties present in the body: values to set, and those sent as {@code null} to remove. */
    private static void readEditable(Body b, Map<String, Object> set, Set<String> remove) {
        for (String f : EDITABLE) {
            if (!b.has(f)) continue;
            if (b.isNull(f)) {
                if (f.equals("quotes")) {
                    set.put("quotes", List.of());
                    set.put("quoteSections", List.of());
                } else if (f.equals("inferred")) {
                    set.put("inferred", false);
                } else {
                    remove.add(f);
                }
                continue;
            }
            Object v = switch (f) {
                case "year", "start", "end" -> b.year(f);
                case "share" -> b.share(f);
                case "tier" -> b.integer(f, 1, 100, "A tier");
                case "document" -> b.text(f, 300, false);
                case "reason" -> b.text(f, Names.MAX_REASON, false);
                case "inferred" -> b.bool(f);
                default -> null;
            };
            if (f.equals("quotes")) {
                List<Body.Quote> quotes = b.quotes(f);
                if (quotes != null) {
                    set.put("quotes", quotes.stream().map(Body.Quote::quote).toList());
                    set.put("quoteSections", quotes.stream().map(Body.Quote::section).toList());
                }
            } else if (v != null) {
                set.put(f, v);
            }
        }
    }

    /** Rules across fields: a period does not end before it starts; an inferred link says why. */
    private static List<InvalidInputException.FieldError> consistency(Map<String, Object> props) {
        List<InvalidInputException.FieldError> errors = new java.util.ArrayList<>();
        if (props.get("start") instanceof Number start && props.get("end") instanceof Number end && end.longValue() < start.longValue()) {
            errors.add(new InvalidInputException.FieldError("end", end.toString(), "The end year " + end + " is before the start year " + start + "."));
        }
        if (Boolean.TRUE.equals(props.get("inferred")) && props.get("reason") == null) {
            errors.add(new InvalidInputException.FieldError("reason", null, "An inferred relationship needs a reason: what it is inferred from."));
        }
        return errors;
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("No relationship with id '" + id + "'.");
    }
}

package org.filiere.graph;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Relationship filters shared by the traversals, as a Cypher predicate over a relationship
 * variable plus its parameters.
 *
 * <p>{@code asOf} rule: a relationship is in force in year Y unless it started after Y
 * ({@code start} or, for events such as an acquisition, {@code year} later than Y) or ended before Y
 * ({@code end} earlier than Y). Undated relationships are taken as always in force: the report
 * rarely dates a fact, and hiding every undated link would empty most views.
 */
public record Filters(Set<RelType> types, Integer asOf, boolean includeInferred) {

    public static Filters all() {
        return new Filters(null, null, true);
    }

    /**
     * Predicate on relationship variable {@code r}. Types are not part of it: they go into the
     * pattern ({@link #typeExpression()}) so that Neo4j can count and expand by type from its
     * degree store instead of reading every relationship of a hub.
     */
    public String predicate(String r) {
        StringBuilder where = new StringBuilder("true");
        if (asOf != null) {
            where.append(" AND coalesce(").append(r).append(".start, ").append(r).append(".year, -1) <= $asOf")
                    .append(" AND coalesce(").append(r).append(".end, 9999) >= $asOf");
        }
        if (!includeInferred) {
            where.append(" AND NOT coalesce(").append(r).append(".inferred, false)");
        }
        return where.toString();
    }

    /** Relationship type expression for a pattern, e.g. {@code :SUPPLIES|PARTNER_OF}, or empty for all. */
    public String typeExpression() {
        return types == null ? "" : ":" + types.stream().map(Enum::name).sorted().collect(Collectors.joining("|"));
    }

    public boolean hasPropertyPredicate() {
        return asOf != null || !includeInferred;
    }

    public Map<String, Object> parameters() {
        return Map.of("asOf", asOf == null ? 0 : asOf);
    }

    /** Keeps only the given types (intersected with any already chosen). */
    public Filters restrictTo(Set<RelType> allowed) {
        Set<RelType> kept = java.util.EnumSet.copyOf(allowed);
        if (types != null) kept.retainAll(types);
        return new Filters(kept, asOf, includeInferred);
    }
}

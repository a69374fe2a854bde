package org.filiere.analytics;

import org.filiere.graph.Filters;
import org.filiere.graph.GraphView;
import org.filiere.graph.ReadQueries;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Coproduction flows: each firm goes from its home country ({@code ORIGINATES_FROM}) to where it
 * installed production ({@code INSTALLED_IN}), classed North→South, South→North, South→South
 * (or North→North / other). A region's side is the side most of its member countries share.
 * Only {@code INSTALLED_IN} counts: a firm that sells or operates somewhere ({@code OPERATES_IN})
 * has not moved production there.
 *
 * <p>An installation whose firm has no home country (no {@code ORIGINATES_FROM} to a country, or
 * with {@code inferred=false} only an implied one) cannot be classed: it is not counted, but the
 * answer lists it under {@code notCounted} so that the totals do not drop it unsaid.
 */
@Service
public class FlowsService {

    public enum By { country, sector }

    public record Flow(String from, String fromName, String to, String toName, String direction, int firms, List<String> firmIds) {
    }

    /** An installation left out of the flows because its firm has no (kept) home country. */
    public record Unplaced(String firm, String firmName, String to, String toName) {
    }

    public record Flows(String by, GraphView graph, List<Flow> rows, Map<String, Integer> byDirection, List<Unplaced> notCounted) {
    }

    private static final String QUERY = """
            MATCH (f:Entity)-[from:ORIGINATES_FROM]->(o:Country)
            WHERE %2$s
            MATCH (f)-[i:INSTALLED_IN]->(d:Entity)
            WHERE (d:Country OR d:Region) AND d <> o AND %1$s
            OPTIONAL MATCH (member:Country)-[:MEMBER_OF]->(d)
            WITH f, o, d, collect(member.classification) AS memberSides
            OPTIONAL MATCH (f)-[sector:IN_SECTOR]->(s:Sector)
            WHERE %3$s
            RETURN f.id AS firm, o.id AS origin, o.name AS originName, o.classification AS originSide,
                   d.id AS dest, d.name AS destName, CASE WHEN d:Region THEN 'Region' ELSE 'Country' END AS destType,
                   coalesce(d.classification, '') AS destSide, memberSides,
                   collect(s.name) AS sectors
            """;

    /**
     * The installations {@link #QUERY} cannot count: same installation filter ({@code %1$s}), and no
     * home country that the home-country filter ({@code %2$s}) keeps. Bounded by the installations
     * that exist: one row per firm and destination.
     */
    private static final String NOT_COUNTED = """
            MATCH (f:Entity)-[i:INSTALLED_IN]->(d:Entity)
            WHERE (d:Country OR d:Region) AND %1$s
              AND NOT EXISTS { MATCH (f)-[from:ORIGINATES_FROM]->(:Country) WHERE %2$s }
            RETURN DISTINCT f.id AS firm, coalesce(f.name, f.id) AS firmName, d.id AS dest, coalesce(d.name, d.id) AS destName
            ORDER BY toLower(firmName), firm, toLower(destName), dest
            """;

    private final ReadQueries reads;

    public FlowsService(ReadQueries reads) {
        this.reads = reads;
    }

    /**
     * {@code asOf}: only installations in force that year (same rule as every traversal; null = all);
     * {@code includeInferred}: false keeps only installations, home countries and sectors a source states.
     */
    public Flows flows(By by, Integer asOf, boolean includeInferred) {
        Filters filters = new Filters(null, asOf, includeInferred);
        record Row(String firm, String origin, String originName, String originSide, String dest, String destName,
                   String destType, String destSide, List<String> sectors) {
        }
        // A home country or a sector the report only implies is left out with the inferred
        // installations; neither is dated, so the year applies to installations only.
        Filters stated = new Filters(null, null, includeInferred);
        List<Row> rows = reads.read(client -> client.query(QUERY.formatted(filters.predicate("i"), stated.predicate("from"), stated.predicate("sector")))
                .bindAll(filters.parameters()).fetchAs(Row.class).mappedBy((t, r) -> {
            String destSide = r.get("destSide").asString();
            if (destSide.isEmpty()) destSide = majority(r.get("memberSides").asList(v -> v.isNull() ? "" : v.asString()));
            return new Row(r.get("firm").asString(), r.get("origin").asString(), r.get("originName").asString(),
                    r.get("originSide").asString(""), r.get("dest").asString(), r.get("destName").asString(), r.get("destType").asString(), destSide,
                    r.get("sectors").asList(v -> v.asString()));
        }).all()).stream().toList();

        Map<String, Flow> flows = new TreeMap<>();
        Map<String, Integer> byDirection = new TreeMap<>();
        Map<String, GraphView.Element> nodes = new LinkedHashMap<>();
        // What the totals count per direction: firm-destination pairs by country (a firm from several
        // home countries, Renault Tanger's next-line makers, draws an edge from each but counts once
        // per destination), firms by sector (a firm of several sectors counts once).
        Map<String, Set<String>> counted = new TreeMap<>();
        for (Row row : rows) {
            String direction = direction(row.originSide(), row.destSide());
            counted.computeIfAbsent(direction, k -> new HashSet<>()).add(by == By.country ? row.firm() + ">" + row.dest() : row.firm());
            if (by == By.country) {
                String key = row.origin() + ">" + row.dest();
                Flow f = flows.get(key);
                List<String> firms = new ArrayList<>(f == null ? List.of() : f.firmIds());
                if (!firms.contains(row.firm())) firms.add(row.firm());
                flows.put(key, new Flow(row.origin(), row.originName(), row.dest(), row.destName(), direction, firms.size(), firms));
                nodes.putIfAbsent(row.origin(), place(row.origin(), row.originName(), "Country", row.originSide()));
                nodes.putIfAbsent(row.dest(), place(row.dest(), row.destName(), row.destType(), row.destSide()));
            } else {
                for (String sector : row.sectors().isEmpty() ? List.of("unknown") : row.sectors()) {
                    String key = sector + ">" + direction;
                    Flow f = flows.get(key);
                    List<String> firms = new ArrayList<>(f == null ? List.of() : f.firmIds());
                    if (!firms.contains(row.firm())) firms.add(row.firm());
                    flows.put(key, new Flow(sector, sector, direction, direction, direction, firms.size(), firms));
                }
            }
        }
        counted.forEach((direction, items) -> byDirection.put(direction, items.size()));
        List<Unplaced> notCounted = reads.read(client -> client.query(NOT_COUNTED.formatted(filters.predicate("i"), stated.predicate("from")))
                .bindAll(filters.parameters()).fetchAs(Unplaced.class).mappedBy((t, r) -> new Unplaced(r.get("firm").asString(),
                        r.get("firmName").asString(), r.get("dest").asString(), r.get("destName").asString())).all()).stream().toList();
        List<GraphView.Element> edges = new ArrayList<>();
        if (by == By.country) {
            for (Flow f : flows.values()) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("id", "flow." + f.from() + "." + f.to());
                data.put("source", f.from());
                data.put("target", f.to());
                data.put("type", "FLOW");
                data.put("label", String.valueOf(f.firms()));
                data.put("weight", f.firms());
                data.put("direction", f.direction());
                data.put("firms", f.firmIds());
                edges.add(new GraphView.Element(data));
            }
        }
        List<Flow> sorted = flows.values().stream()
                .sorted(java.util.Comparator.comparingInt(Flow::firms).reversed().thenComparing(Flow::from)).toList();
        return new Flows(by.name(), GraphView.of(List.copyOf(nodes.values()), edges), sorted, byDirection, notCounted);
    }

    private static GraphView.Element place(String id, String name, String type, String side) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("label", name);
        data.put("type", type);
        data.put("side", side);
        return new GraphView.Element(data);
    }

    static String direction(String from, String to) {
        String f = label(from);
        String t = label(to);
        return f.equals("Other") || t.equals("Other") ? "Other" : f + "→" + t;
    }

    private static String label(String side) {
        return switch (side == null ? "" : side) {
            case "north" -> "North";
            case "south" -> "South";
            default -> "Other";
        };
    }

    private static String majority(List<String> sides) {
        Map<String, Integer> counts = new TreeMap<>();
        sides.stream().filter(s -> !s.isEmpty()).forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }
}

package org.filiere.tiers;

import org.filiere.graph.Elements;
import org.filiere.graph.Filters;
import org.filiere.graph.GraphView;
import org.filiere.graph.NotFoundException;
import org.filiere.graph.ReadQueries;
import org.neo4j.driver.Record;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Supplier tiers around a focal firm. A tier is a perspective, not a stored property: it is the
 * shortest supply distance from the focal firm, computed per request.
 *
 * <p>Query shape: {@code [:SUPPLIES*1..d]} with {@code min(size(rs))} plans as a pruning
 * breadth-first var-length expand, which emits rows by depth without sorting and stops at the
 * LIMIT (see ../shared/notes/measurements.md); {@code SHORTEST} + {@code ORDER BY tier} does not.
 */
@Service
public class TiersService {

    public enum Direction { upstream, downstream }

    /**
     * One tier's composition: how many firms, from which countries and sectors, North/South split,
     * and the pairs of its entries that a source or an import flagged as possibly one firm
     * ({@code POSSIBLY_SAME_AS}), each counted in {@code count} until a curator merges or dismisses them.
     */
    public record TierSummary(int tier, int count, Map<String, Integer> countries, Map<String, Integer> sectors,
                              Map<String, Integer> sides, List<List<String>> possiblySame) {
    }

    /** The tiered network: the graph (nodes carry {@code tier}) plus per-tier summaries. */
    public record Tiers(GraphView graph, List<TierSummary> summary, List<Node> nodes) {
    }

    public record Node(String id, String name, int tier, String country, List<String> countries, String side, List<String> sectors) {
    }

    /**
     * A capped answer counts the whole network up to this many firms, then says "at least": past
     * the cap, counting would cost as much as the part of the graph within reach rather than the
     * answer (at 1M firms a hub's three tiers reach 25,000-100,000 firms). Twice the largest limit.
     */
    public static final int COUNT_CAP = 10_000;

    private final ReadQueries reads;

    public TiersService(ReadQueries reads) {
        this.reads = reads;
    }

    public Tiers tiers(String id, Direction direction, int depth, int limit, Filters filters) {
        String edgeQuery = edgeQuery(filters);
        String hubAwareEdgeQuery = hubAwareEdgeQuery(filters);

        return reads.read(client -> {
            Tiered t = tiered(client, id, direction, depth, limit, filters, true);
            boolean truncated = t.truncated();
            Map<String, Object> countParams = new HashMap<>(filters.parameters());
            countParams.put("id", id);
            countParams.put("starts", t.starts());
            countParams.put("countCap", COUNT_CAP);
            long counted = truncated
                    ? client.query(countQuery(direction, depth, filters, t.starts().size() > 1)).bindAll(countParams)
                            .fetchAs(Long.class).one().orElse(0L)
                    : t.firms().size();

            Map<String, Object> edgeParams = new HashMap<>(filters.parameters());
            edgeParams.putAll(t.cost().parameters());
            List<GraphView.Element> edges = new ArrayList<>(t.siteLinks());
            edges.addAll(client.query(t.cost().hubAware() ? hubAwareEdgeQuery : edgeQuery).bindAll(edgeParams)
                    .fetchAs(GraphView.Element.class)
                    .mappedBy((q, r) -> Elements.edge(r.get("r").asRelationship(), r.get("source").asString(), r.get("target").asString()))
                    .all());
            GraphView graph = new GraphView(t.elements(), edges, truncated,
                    new GraphView.Total(counted + t.starts().size(), edges.size(), counted >= COUNT_CAP ? Boolean.TRUE : null), null);
            List<List<String>> possiblySame = edges.stream().filter(e -> "POSSIBLY_SAME_AS".equals(e.data().get("type")))
                    .map(e -> List.of((String) e.data().get("source"), (String) e.data().get("target"))).toList();
            List<TierSummary> summary = summarise(t.firms(), possiblySame);
            return new Tiers(graph.withMeta(Map.of("direction", direction.name(), "depth", depth, "tiers", summary,
                    "sites", t.starts().subList(1, t.starts().size()))), summary, t.firms());
        });
    }

    /** The firms of a network and its per-tier summary, without the links among them or the uncapped count. */
    public record Network(List<Node> nodes, List<TierSummary> summary, boolean truncated) {
    }

    /**
     * What exposure needs: the tiered firms only. Two statements instead of four: the links among
     * the firms and the count past the cap were half the cost of a 5,000-firm answer, for nothing
     * the summary uses.
     */
    public Network network(String id, Direction direction, int depth, int limit, Filters filters) {
        return reads.read(client -> {
            Tiered t = tiered(client, id, direction, depth, limit, filters, false);
            return new Network(t.firms(), summarise(t.firms()), t.truncated());
        });
    }

    /**
     * The focal entity and the firms of its network with their tiers, as summary rows and, for the
     * tier {@code view}, as graph elements with the degrees that choose the edge query.
     */
    private record Tiered(List<GraphView.Element> elements, List<Node> firms, LinkCost cost, boolean truncated,
                          List<String> starts, List<GraphView.Element> siteLinks) {
    }

    private static Tiered tiered(Neo4jClient client, String id, Direction direction, int depth, int limit, Filters filters, boolean view) {
        Map<String, Object> params = new HashMap<>(filters.parameters());
        params.put("id", id);
        // One row past the limit tells a network of exactly the limit from a larger one.
        params.put("limit", limit + 1);
        Record focalRow = client.query(focalQuery(filters)).bindAll(params).fetchAs(Record.class).mappedBy((t, r) -> r).one()
                .orElseThrow(() -> new NotFoundException("No entity with id '" + id + "'."));
        GraphView.Element focal = Elements.node(focalRow.get("n").asNode());
        focal.data().put("tier", 0);
        focal.data().put("focal", true);
        focal.data().put("sectors", focalRow.get("sectors").asList(v -> v.asString()));
        Map<String, String> countryNames = new HashMap<>();
        for (var c : focalRow.get("countryNames").values()) {
            countryNames.put(c.get(0).asString(), c.get(1).asString());
        }

        Map<String, GraphView.Element> nodes = new LinkedHashMap<>();
        nodes.put(id, focal);
        LinkCost cost = new LinkCost();
        cost.add(focalRow.get("n").asNode().elementId(), focalRow.get("suppliesTo").asLong(), focalRow.get("suppliedBy").asLong());
        // A firm's sites (Renault's Tanger plant) are where its suppliers deliver: the tiers start
        // from the firm and its sites, drawn beside it at tier 0 and linked to it.
        List<String> starts = new ArrayList<>(List.of(id));
        List<GraphView.Element> siteLinks = new ArrayList<>();
        for (var row : focalRow.get("sites").values()) {
            var site = row.get("site").asNode();
            GraphView.Element e = Elements.node(site);
            if (nodes.putIfAbsent(e.id(), e) != null) continue;
            e.data().put("tier", 0);
            e.data().put("siteOfFocus", true);
            starts.add(e.id());
            cost.add(site.elementId(), row.get("suppliesTo").asLong(), row.get("suppliedBy").asLong());
            siteLinks.add(Elements.edge(row.get("link").asRelationship(), e.id(), id));
        }
        params.put("starts", starts);
        List<Node> tiered = new ArrayList<>();
        boolean withSites = starts.size() > 1;
        String query = view ? tierQuery(direction, depth, filters, withSites) : networkQuery(direction, depth, filters, withSites);
        boolean more = false;
        for (Record r : client.query(query).bindAll(params).fetchAs(Record.class).mappedBy((t, rec) -> rec).all()) {
            if (tiered.size() == limit) {
                more = true;
                break;
            }
            int tier = r.get("tier").asInt();
            List<String> sectors = List.copyOf(new LinkedHashSet<>(r.get("sectors").asList(v -> v.asString())));
            // Imported firms name their sector as text (the import's 'sector' column) rather than by a link.
            var sectorText = view ? r.get("s").asNode().get("sector") : r.get("sector");
            if (sectors.isEmpty() && !sectorText.isNull()) sectors = List.of(sectorText.asString());
            List<String> origins = r.get("origins").asList(v -> v.asString());
            Node firm;
            if (view) {
                var s = r.get("s").asNode();
                cost.add(s.elementId(), r.get("suppliesTo").asLong(), r.get("suppliedBy").asLong());
                GraphView.Element e = Elements.node(s);
                firm = new Node(e.id(), (String) e.data().get("label"), tier, s.get("country").asString(null),
                        countries(origins, s.get("country").asString(null), countryNames), s.get("side").asString(null), sectors);
                e.data().put("tier", tier);
                e.data().put("sectors", sectors);
                e.data().put("countries", firm.countries());
                nodes.put(e.id(), e);
            } else {
                String firmId = r.get("id").asString();
                firm = new Node(firmId, r.get("name").asString(firmId), tier, r.get("country").asString(null),
                        countries(origins, r.get("country").asString(null), countryNames), r.get("side").asString(null), sectors);
            }
            tiered.add(firm);
        }
        return new Tiered(List.copyOf(nodes.values()), tiered, cost, more, List.copyOf(starts), siteLinks);
    }

    // The statements are public so that the benchmark's raw-Cypher baseline runs exactly what the API runs.

    /**
     * The focal entity, its sectors, and the country names by ISO-2 (a few hundred values), which
     * name each firm's home country: asked here rather than in a statement of their own, or per
     * firm in the tier query (an index seek for each of up to 5,000 firms). One name per ISO-2 code:
     * two datasets can each hold the same country, under the same name or another, and a firm
     * there must be counted once. The focus's sites obey the same date and inferred filters as the
     * links of the tiers: Renault's Tanger plant (2012) is not where Renault's suppliers delivered
     * in 2010.
     */
    public static String focalQuery(Filters filters) {
        return """
            MATCH (n:Entity {id: $id})
            OPTIONAL MATCH (n)-[:IN_SECTOR]->(sector:Sector)
            WITH n, collect(sector.name) AS sectors
            RETURN n, sectors,
                   COLLECT { MATCH (c:Country) WHERE c.iso2 IS NOT NULL AND c.name IS NOT NULL
                             WITH c.iso2 AS iso2, min(c.name) AS name RETURN [iso2, name] } AS countryNames,
                   COUNT { (n)-[:SUPPLIES]->() } AS suppliesTo, COUNT { (n)<-[:SUPPLIES]-() } AS suppliedBy,
                   COLLECT { MATCH (site:Site)-[link:SITE_OF]->(n) WHERE %s
                             RETURN {site: site, link: link, suppliesTo: COUNT { (site)-[:SUPPLIES]->() },
                                     suppliedBy: COUNT { (site)<-[:SUPPLIES]-() }} } AS sites
            """.formatted(filters.predicate("link"));
    }

    /** How many firms the network has in all besides the focal one, counted up to {@code $countCap} ({@link #COUNT_CAP}). */
    public static String countQuery(Direction direction, int depth, Filters filters) {
        return countQuery(direction, depth, filters, false);
    }

    /** {@code withSites}: from the focal firm and its sites ({@code $starts}), see {@link #tiered}. */
    static String countQuery(Direction direction, int depth, Filters filters, boolean withSites) {
        return (withSites ? """
                MATCH (f:Entity) WHERE f.id IN $starts
                WITH collect(f) AS starts
                CALL (starts) {
                  UNWIND starts AS f
                  MATCH %s
                  %s
                  RETURN DISTINCT s LIMIT $countCap
                }
                RETURN count(s) AS total
                """ : """
                MATCH (f:Entity {id: $id})
                CALL (f) {
                  MATCH %s
                  %s
                  RETURN DISTINCT s LIMIT $countCap
                }
                RETURN count(s) AS total
                """).formatted(pattern(direction, depth), where(filters, withSites));
    }

    /**
     * Supply links between the firms of the answer, given by their element ids ({@code $eids}, from
     * this same transaction), each read from its supplier: the cost is the sum of the suppliers'
     * customer counts. Nodes are found by element id and the far end is tested by element id, so no
     * index lookup per firm and no property read per relationship scanned.
     */
    public static String edgeQuery(Filters filters) {
        return linksReadFrom("eids", true, "eids", filters) + "UNION ALL\n" + possiblySameAmong(filters);
    }

    /**
     * "Possibly the same" links between two firms of the answer, which the tier chart names: two
     * entries of one tier that may be one firm are both counted. Read from the relationship type's
     * index: its cost is the number of such links in the store (8 in the IPEMED dataset; an import
     * flags each name it could not tell apart, until a curator decides), not the answer's size.
     * Written as a pattern on both ends, the planner seeks each of the answer's firms by element id
     * and expands it; a pattern comprehension per firm in the tier statement cost 5 % more on
     * 2,000-firm answers at 1M firms, this branch of the edge statement (which already carries
     * $eids) nothing measurable (docs/benchmarks/NOTES.md). Filtered like every link: imports mark
     * theirs inferred.
     */
    private static String possiblySameAmong(Filters filters) {
        return """
                MATCH ()-[r:POSSIBLY_SAME_AS]->()
                WITH r WHERE elementId(startNode(r)) IN $eids AND elementId(endNode(r)) IN $eids AND %s
                RETURN r, startNode(r).id AS source, endNode(r).id AS target
                """.formatted(filters.predicate("r"));
    }

    /**
     * Supply links read from the firms whose element ids are in {@code $<from>}: their customer lists
     * ({@code fromSuppliers}) or their supplier lists, kept when the far end's element id is in
     * {@code $<farEnds>}. One end is bound before expanding, so each list is read once.
     */
    private static String linksReadFrom(String from, boolean fromSuppliers, String farEnds, Filters filters) {
        String near = fromSuppliers ? "a" : "b";
        String far = fromSuppliers ? "b" : "a";
        return """
                UNWIND $%1$s AS eid
                MATCH (%2$s) WHERE elementId(%2$s) = eid
                MATCH (a)-[r:SUPPLIES]->(b)
                WHERE elementId(%3$s) IN $%4$s AND %5$s
                RETURN r, a.id AS source, b.id AS target
                """.formatted(from, near, far, farEnds, filters.predicate("r"));
    }

    /**
     * Above this many supply links in one direction a firm counts as a hub for {@link #hubAwareEdgeQuery}.
     */
    public static final int HUB_DEGREE = 100;

    /**
     * The same links as {@link #edgeQuery}, read from an end that is not a hub on its side, for
     * answers where some suppliers have many customers (a supplier can have 20,000 at 1M firms, few
     * of them in the answer): links from a non-hub supplier are read from the supplier
     * ({@code $lightSuppliers}); links from a hub supplier are read from the customer's supplier
     * list ({@code $customersOfHubs}: the non-hub customers, plus the hub customers when their
     * supplier lists are shorter in all than the hub suppliers' customer lists); otherwise links
     * between two hubs are read from the hub supplier ({@code $hubsForHubPairs}). The branches
     * partition the links, so each is returned once. Each branch binds one end by element id and
     * expands it ({@link #linksReadFrom}): an earlier version matched both hubs of a pair and let the planner filter the far
     * end after expanding, which re-read a hub's 20,000 links once per pair (1.8M db hits at 1M
     * firms). It reads customers' supplier lists that {@link #edgeQuery} does not, hence
     * {@link LinkCost} picks one per answer; its {@link LinkCost#parameters()} sort the answer's
     * firms by the degrees the tier query already returned.
     */
    public static String hubAwareEdgeQuery(Filters filters) {
        return String.join("UNION ALL\n",
                linksReadFrom("lightSuppliers", true, "eids", filters),
                linksReadFrom("customersOfHubs", false, "hubSuppliers", filters),
                linksReadFrom("hubsForHubPairs", true, "hubCustomers", filters),
                possiblySameAmong(filters));
    }

    /**
     * The answer's firms (element ids) sorted by their supply degrees, which the tier query returns
     * (the store keeps them, so they cost no scan), and which edge query reads fewer links for them.
     */
    public static final class LinkCost {
        private final int hub;
        private final List<String> eids = new ArrayList<>();
        /** The firms split by how many customers they have ({@code suppliesTo}): light suppliers and hub suppliers. */
        private final Side asSuppliers = new Side();
        /** The firms split by how many suppliers they have ({@code suppliedBy}): light customers and hub customers. */
        private final Side asCustomers = new Side();
        private long everyLink;

        public LinkCost() {
            this(HUB_DEGREE);
        }

        /** {@code hub}: above this many supply links in one direction a firm counts as a hub. */
        public LinkCost(int hub) {
            this.hub = hub;
        }

        /** One direction of the firms' supply links: who is light, who is a hub, and how many links each group has. */
        private static final class Side {
            final List<String> light = new ArrayList<>();
            final List<String> hubs = new ArrayList<>();
            long lightLinks;
            long hubLinks;

            void add(String elementId, long degree, int hub) {
                if (degree <= hub) {
                    light.add(elementId);
                    lightLinks += degree;
                } else {
                    hubs.add(elementId);
                    hubLinks += degree;
                }
            }
        }

        public void add(String elementId, long suppliesTo, long suppliedBy) {
            eids.add(elementId);
            everyLink += suppliesTo;
            asSuppliers.add(elementId, suppliesTo, hub);
            asCustomers.add(elementId, suppliedBy, hub);
        }

        /** Whether links between two hubs are read from the hub customers' supplier lists (the shorter side). */
        public boolean hubPairsFromCustomers() {
            return asCustomers.hubLinks < asSuppliers.hubLinks;
        }

        /** Whether {@link #hubAwareEdgeQuery} reads fewer links than {@link #edgeQuery}. */
        public boolean hubAware() {
            long hubPairs = asCustomers.hubs.isEmpty() ? 0 : Math.min(asSuppliers.hubLinks, asCustomers.hubLinks);
            return !asSuppliers.hubs.isEmpty() && asSuppliers.lightLinks + asCustomers.lightLinks + hubPairs < everyLink;
        }

        /** Parameters of either edge query (besides the filters'). */
        public Map<String, Object> parameters() {
            boolean fromCustomers = hubPairsFromCustomers();
            List<String> customersOfHubs = new ArrayList<>(asCustomers.light);
            if (fromCustomers) customersOfHubs.addAll(asCustomers.hubs);
            return Map.of("eids", eids, "lightSuppliers", asSuppliers.light, "customersOfHubs", customersOfHubs,
                    "hubSuppliers", asSuppliers.hubs, "hubCustomers", asCustomers.hubs,
                    "hubsForHubPairs", fromCustomers || asCustomers.hubs.isEmpty() ? List.of() : asSuppliers.hubs);
        }
    }

    /**
     * The tier query itself. {@code depth} must already be bounded (1..6): it is the only value put into the text.
     */
    public static String tierQuery(Direction direction, int depth, Filters filters) {
        return tierQuery(direction, depth, filters, false);
    }

    static String tierQuery(Direction direction, int depth, Filters filters, boolean withSites) {
        return tiered(direction, depth, filters, withSites, """
                RETURN s, tier, %s,
                       COUNT { (s)-[:SUPPLIES]->() } AS suppliesTo, COUNT { (s)<-[:SUPPLIES]-() } AS suppliedBy
                """);
    }

    /**
     * The same firms for a summary ({@link #network}): the four properties it uses rather than the
     * whole node, and no degrees (they only choose the edge query, which a summary does not run).
     */
    public static String networkQuery(Direction direction, int depth, Filters filters) {
        return networkQuery(direction, depth, filters, false);
    }

    static String networkQuery(Direction direction, int depth, Filters filters, boolean withSites) {
        return tiered(direction, depth, filters, withSites, """
                RETURN s.id AS id, s.name AS name, s.country AS country, s.side AS side, s.sector AS sector, tier, %s
                """);
    }

    /**
     * {@code withSites}: the walk starts from the focal firm and its sites ({@code $starts}), and a
     * firm's tier is its shortest distance to any of them. Only then: the one-start statement is
     * the measured one (docs/benchmarks), and the synthetic graphs have no sites.
     */
    private static String tiered(Direction direction, int depth, Filters filters, boolean withSites, String returns) {
        // Pattern comprehensions rather than CALL subqueries with aggregations per firm: for a
        // 2,000-firm answer the per-row subqueries cost 3-5x the traversal itself (NOTES.md).
        String sectorsAndOrigins = """
                [(s)-[:IN_SECTOR]->(sector:Sector) | sector.name] AS sectors,
                       [(s)-[:ORIGINATES_FROM]->(origin:Country) | origin.name] AS origins""";
        String start = withSites ? """
                MATCH (f:Entity) WHERE f.id IN $starts
                WITH collect(f) AS starts
                UNWIND starts AS f
                """ : """
                MATCH (f:Entity {id: $id})
                """;
        return start + """
                MATCH %s
                %s
                WITH s, min(size(rs)) AS tier
                LIMIT $limit
                """.formatted(pattern(direction, depth), where(filters, withSites)) + returns.formatted(sectorsAndOrigins);
    }

    /**
     * A firm's countries: where it originates from when stated (a group such as "next-line
     * equipment makers" can come from several countries), else its home country.
     */
    static List<String> countries(List<String> origins, String homeIso2, Map<String, String> names) {
        if (!origins.isEmpty()) return List.copyOf(new LinkedHashSet<>(origins));
        String home = homeIso2 == null ? null : names.get(homeIso2);
        return home == null ? List.of() : List.of(home);
    }

    private static String pattern(Direction direction, int depth) {
        return direction == Direction.upstream
                ? "(f)<-[rs:SUPPLIES*1..%d]-(s:Entity)".formatted(depth)
                : "(f)-[rs:SUPPLIES*1..%d]->(s:Entity)".formatted(depth);
    }

    private static String where(Filters filters, boolean withSites) {
        // s <> f: a supply chain can loop back to the focal firm, which is tier 0, not a supplier of itself.
        return (withSites ? "WHERE NOT s IN starts" : "WHERE s <> f")
                + (filters.hasPropertyPredicate() ? " AND all(x IN rs WHERE " + filters.predicate("x") + ")" : "");
    }

    static List<TierSummary> summarise(List<Node> nodes) {
        return summarise(nodes, List.of());
    }

    /** {@code possiblySame}: the answer's POSSIBLY_SAME_AS links, each as its two ends' ids. */
    static List<TierSummary> summarise(List<Node> nodes, List<List<String>> possiblySame) {
        Map<Integer, List<Node>> byTier = new TreeMap<>();
        nodes.forEach(n -> byTier.computeIfAbsent(n.tier(), t -> new ArrayList<>()).add(n));
        // Pairs whose two ends share a tier, each as its ids in order; nearly always none.
        Map<Integer, List<List<String>>> pairsByTier = new HashMap<>();
        if (!possiblySame.isEmpty()) {
            Map<String, Integer> tierOf = new HashMap<>();
            nodes.forEach(n -> tierOf.put(n.id(), n.tier()));
            for (List<String> pair : possiblySame) {
                Integer tier = tierOf.get(pair.get(0));
                if (tier != null && tier.equals(tierOf.get(pair.get(1)))) {
                    pairsByTier.computeIfAbsent(tier, t -> new ArrayList<>()).add(pair.stream().sorted().toList());
                }
            }
            pairsByTier.values().forEach(list -> list.sort(Comparator.comparing((List<String> p) -> p.get(0)).thenComparing(p -> p.get(1))));
        }
        List<TierSummary> out = new ArrayList<>();
        byTier.forEach((tier, list) -> {
            Map<String, Integer> countries = new TreeMap<>();
            Map<String, Integer> sectors = new TreeMap<>();
            Map<String, Integer> sides = new TreeMap<>();
            for (Node n : list) {
                (n.countries().isEmpty() ? List.of("unknown") : n.countries()).forEach(c -> countries.merge(c, 1, Integer::sum));
                (n.sectors().isEmpty() ? List.of("unknown") : n.sectors()).forEach(s -> sectors.merge(s, 1, Integer::sum));
                sides.merge(n.side() != null ? n.side() : "unknown", 1, Integer::sum);
            }
            out.add(new TierSummary(tier, list.size(), countries, sectors, sides, List.copyOf(pairsByTier.getOrDefault(tier, List.of()))));
        });
        return out;
    }

}

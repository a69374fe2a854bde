package org.filiere.synthetic;

import org.filiere.graph.Filters;
import org.filiere.neighbourhood.NeighbourhoodService;
import org.filiere.ownership.OwnershipService;
import org.filiere.paths.PathsService;
import org.filiere.search.SearchService;
import org.filiere.tiers.TiersService;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmarked traversals: each one's HTTP request, and the same work as raw Cypher — the
 * services' own statements (public constants and builders in each service), run in the order and
 * under the conditions the service runs them, in one read transaction, every record consumed.
 * Raw returns the answer size (firms or hits in the answer), used to bucket focal firms.
 */
enum Traversal {

    search("full-text search (name stem)") {
        @Override
        String path(Focal f) {
            return "/api/search?limit=10&q=" + URLEncoder.encode(f.stem(), StandardCharsets.UTF_8);
        }

        @Override
        int raw(TransactionContext tx, Focal f) {
            return tx.run(SearchService.QUERY, SearchService.parameters(f.stem(), List.of(), 10)).list().size();
        }
    },
    neighbourhood("1-hop neighbourhood, 200 per node") {
        @Override
        String path(Focal f) {
            return "/api/graph/neighbourhood/" + f.id() + "?depth=1&limit=200";
        }

        @Override
        int raw(TransactionContext tx, Focal f) {
            Map<String, Object> params = new HashMap<>(ALL.parameters());
            params.put("id", f.id());
            params.put("limit", 200);
            params.put("offset", 0);
            return 1 + tx.run(NEIGHBOURHOOD, params).single().get("rows").size();
        }
    },
    tiers("tiers upstream, depth 3, limit 2000") {
        @Override
        String path(Focal f) {
            return "/api/graph/tiers/" + f.id() + "?direction=upstream&depth=3&limit=2000";
        }

        @Override
        int raw(TransactionContext tx, Focal f) {
            return rawTiers(tx, f, 2000, true);
        }
    },
    ownership("ownership chain + group tree") {
        @Override
        String path(Focal f) {
            return "/api/graph/ownership/" + f.id();
        }

        @Override
        int raw(TransactionContext tx, Focal f) {
            Map<String, Object> params = new HashMap<>(ALL.parameters());
            params.put("id", f.id());
            Set<String> nodes = new HashSet<>();
            nodes.add(f.id());
            Record answer = tx.run(OWNERSHIP, params).single();
            for (String side : List.of("up", "down")) {
                answer.get(side).asList(v -> v.asPath()).forEach(p -> p.nodes().forEach(n -> nodes.add(n.get("id").asString())));
            }
            return nodes.size();
        }
    },
    paths("paths k=3, ≤ 6 hops") {
        @Override
        String path(Focal f) {
            return "/api/graph/paths?from=" + f.id() + "&to=" + f.to() + "&k=3&maxHops=6";
        }

        @Override
        int raw(TransactionContext tx, Focal f) {
            return rawPaths(tx, f, SHORTEST, null);
        }
    },
    exposure("exposure (tiers ≤ 3, limit 5000, by country/sector/side)") {
        @Override
        String path(Focal f) {
            return "/api/analytics/exposure/" + f.id();
        }

        @Override
        int raw(TransactionContext tx, Focal f) {
            // ExposureService summarises TiersService.network(id, upstream, 3, 5000): the focal and network statements.
            return rawTiers(tx, f, 5000, false);
        }
    },
    /** The paths option that skips hubs: measured beside the default, kept out of the concurrency mix. */
    pathsSkippingHubs("paths k=3, ≤ 6 hops, skipping hubs (option maxDegree=1000)") {
        @Override
        String path(Focal f) {
            return paths.path(f) + "&maxDegree=" + HUB_LIMIT;
        }

        @Override
        int raw(TransactionContext tx, Focal f) {
            return rawPaths(tx, f, SHORTEST_SKIPPING_HUBS, HUB_LIMIT);
        }

        @Override
        boolean inConcurrencyMix() {
            return false;
        }
    };

    /** {@link #pathsSkippingHubs}: intermediates with more links than this are not passed through. */
    static final int HUB_LIMIT = 1000;

    /** Whether the concurrency run picks this traversal (the app's defaults, as in earlier runs). */
    boolean inConcurrencyMix() {
        return true;
    }

    /** As PathsService: up to k = 3 shortest paths, each avoiding the relationships of those found. */
    static int rawPaths(TransactionContext tx, Focal f, String shortest, Integer maxDegree) {
        Map<String, Object> params = new HashMap<>(ALL.parameters());
        params.put("from", f.id());
        params.put("to", f.to());
        params.put("through", THROUGH);
        if (maxDegree != null) params.put("maxDegree", maxDegree);
        Set<String> nodes = new HashSet<>();
        List<String> used = new ArrayList<>();
        for (int found = 0; !f.id().equals(f.to()) && found < 3; found++) {
            params.put("used", List.copyOf(used));
            List<Record> rows = tx.run(shortest, params).list();
            if (rows.isEmpty()) break;
            var path = rows.get(0).get("p").asPath();
            path.nodes().forEach(n -> nodes.add(n.get("id").asString()));
            path.relationships().forEach(r -> used.add(r.elementId()));
        }
        if (nodes.isEmpty()) {
            for (String id : List.of(f.id(), f.to())) tx.run(PathsService.EXISTS_QUERY, Map.of("id", id)).list();
        }
        return nodes.size();
    }

    static final Filters ALL = Filters.all();
    static final String NEIGHBOURHOOD = NeighbourhoodService.firstLevelQuery(ALL);
    static final String TIERS = TiersService.tierQuery(TiersService.Direction.upstream, 3, ALL);
    static final String NETWORK = TiersService.networkQuery(TiersService.Direction.upstream, 3, ALL);
    static final String TIERS_COUNT = TiersService.countQuery(TiersService.Direction.upstream, 3, ALL);
    static final String TIERS_EDGES = TiersService.edgeQuery(ALL);
    static final String TIERS_EDGES_HUB_AWARE = TiersService.hubAwareEdgeQuery(ALL);
    static final String OWNERSHIP = OwnershipService.query(ALL);
    static final String SHORTEST = PathsService.shortestQuery(6, ALL, false);
    static final String SHORTEST_SKIPPING_HUBS = PathsService.shortestQuery(6, ALL, true);
    static final List<String> THROUGH = PathsService.defaultIntermediates().stream().map(Enum::name).sorted().toList();

    final String description;

    Traversal(String description) {
        this.description = description;
    }

    /** Path and query of the API request. */
    abstract String path(Focal f);

    /** Runs the service's statements; returns the answer size. */
    abstract int raw(TransactionContext tx, Focal f);

    /** {@code links}: also the count past the cap and the links among the firms (the tier view), not only the firms (exposure). */
    static int rawTiers(TransactionContext tx, Focal f, int limit, boolean links) {
        Map<String, Object> params = new HashMap<>(ALL.parameters());
        params.put("id", f.id());
        // As the service: one row past the limit says whether the network is larger.
        params.put("limit", limit + 1);
        params.put("countCap", TiersService.COUNT_CAP);
        List<Record> focal = tx.run(TiersService.focalQuery(ALL), params).list();
        if (!links) return Math.min(tx.run(NETWORK, params).list().size(), limit) + 1;
        List<Record> rows = tx.run(TIERS, params).list();
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            tx.run(TIERS_COUNT, params).list();
        }
        TiersService.LinkCost cost = new TiersService.LinkCost();
        cost.add(focal.get(0).get("n").asNode().elementId(), focal.get(0).get("suppliesTo").asLong(), focal.get(0).get("suppliedBy").asLong());
        rows.forEach(r -> cost.add(r.get("s").asNode().elementId(), r.get("suppliesTo").asLong(), r.get("suppliedBy").asLong()));
        Map<String, Object> edgeParams = new HashMap<>(ALL.parameters());
        edgeParams.putAll(cost.parameters());
        tx.run(cost.hubAware() ? TIERS_EDGES_HUB_AWARE : TIERS_EDGES, edgeParams).list();
        return rows.size() + 1;
    }

    /** A focal firm; {@code to} is the other end for paths (the next firm of the sample). */
    record Focal(String id, String name, String to) {
        String stem() {
            int space = name.indexOf(' ');
            return space > 0 ? name.substring(0, space) : name;
        }
    }
}

package org.filiere.analytics;

import org.filiere.graph.Filters;
import org.filiere.tiers.TiersService;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How exposed a focal firm is, and to where: its supply network broken down by tier × country,
 * tier × sector, and the North/South share of each tier and of the whole.
 */
@Service
public class ExposureService {

    public record Cell(int tier, String key, int count, double share) {
    }

    public record Exposure(String id, String direction, int depth, int firms, boolean truncated,
                           List<Cell> byCountry, List<Cell> bySector, List<Cell> bySide, Map<String, Double> sideShare) {
    }

    private final TiersService tiers;

    public ExposureService(TiersService tiers) {
        this.tiers = tiers;
    }

    public Exposure exposure(String id, TiersService.Direction direction, int depth, int limit, Filters filters) {
        TiersService.Network t = tiers.network(id, direction, depth, limit, filters);
        var byCountry = t.summary().stream().flatMap(s -> cells(s.tier(), s.count(), s.countries()).stream()).toList();
        var bySector = t.summary().stream().flatMap(s -> cells(s.tier(), s.count(), s.sectors()).stream()).toList();
        var bySide = t.summary().stream().flatMap(s -> cells(s.tier(), s.count(), s.sides()).stream()).toList();
        Map<String, Integer> sides = new TreeMap<>();
        t.nodes().forEach(n -> sides.merge(n.side() == null ? "unknown" : n.side(), 1, Integer::sum));
        int firms = t.nodes().size();
        Map<String, Double> sideShare = new TreeMap<>();
        sides.forEach((k, v) -> sideShare.put(k, firms == 0 ? 0 : round((double) v / firms)));
        return new Exposure(id, direction.name(), depth, firms, t.truncated(), byCountry, bySector, bySide, sideShare);
    }

    private static List<Cell> cells(int tier, int count, Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .map(e -> new Cell(tier, e.getKey(), e.getValue(), count == 0 ? 0 : round((double) e.getValue() / count)))
                .toList();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

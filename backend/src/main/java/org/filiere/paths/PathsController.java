package org.filiere.paths;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.filiere.exporting.GraphExporter;
import org.filiere.graph.BadRequestException;
import org.filiere.graph.Filters;
import org.filiere.graph.GraphView;
import org.filiere.graph.Params;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/graph/paths")
@Tag(name = "Traversals")
class PathsController {

    private final PathsService service;
    private final GraphExporter exporter;

    PathsController(PathsService service, GraphExporter exporter) {
        this.service = service;
        this.exporter = exporter;
    }

    @GetMapping
    @Operation(summary = "Up to k shortest paths between two entities, explained",
            description = "By default paths pass through organisations only (not countries, sectors or regions); node "
                    + "types in `types` override that. `meta.paths` holds, per path, its node and edge ids, a plain-language "
                    + "explanation and each step's quote. No path is an empty answer, not an error.")
    ResponseEntity<?> paths(@Parameter(description = "Entity id") @RequestParam(required = false) String from,
                    @Parameter(description = "Entity id") @RequestParam(required = false) String to,
                    @Parameter(description = "1..8, default 6") @RequestParam(required = false) Integer maxHops,
                    @Parameter(description = "1..10, default 3") @RequestParam(required = false) Integer k,
                    @Parameter(description = "Comma-separated types: relationship types to follow (e.g. SUBSIDIARY_OF) and/or "
                            + "node types the paths may pass through (e.g. Company,Country); either kind left out means the default")
                    @RequestParam(required = false) String types,
                    @Parameter(description = "Year: keep relationships in force that year") @RequestParam(required = false) Integer asOf,
                    @Parameter(description = "Include inferred relationships (default true)") @RequestParam(required = false) Boolean inferred,
                    @Parameter(description = "Do not pass through entities with more than this many links of the followed types "
                            + "(hubs), 1..10000000; default: no limit. The two ends are always allowed.")
                    @RequestParam(required = false) Integer maxDegree,
            @Parameter(description = "Download the answer in this format instead of JSON: graphml, cyjs, csv or ftm") @RequestParam(required = false) String format) {
        Params.MixedTypes mixed = Params.mixedTypes("types", types);
        String start = Params.id("from", from);
        String end = Params.id("to", to);
        if (start.equals(end)) {
            // An empty answer would read as "not connected".
            throw new BadRequestException("to", "Parameters 'from' and 'to' are the same entity ('" + end + "'): a path needs two different ends.");
        }
        GraphView view = service.paths(start, end, Params.bounded("maxHops", maxHops, 6, 1, 8),
                Params.bounded("k", k, 3, 1, 10),
                new Filters(mixed.relTypes(), Params.year("asOf", asOf), inferred == null || inferred), mixed.nodeTypes(),
                maxDegree == null ? null : Params.bounded("maxDegree", maxDegree, 0, 1, 10_000_000));
        return exporter.answer(view, format, "paths-" + start + "-" + end);
    }
}

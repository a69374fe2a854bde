package org.filiere.neighbourhood;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.filiere.exporting.GraphExporter;
import org.filiere.graph.Filters;
import org.filiere.graph.GraphView;
import org.filiere.graph.Params;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/graph/neighbourhood")
@Tag(name = "Traversals")
class NeighbourhoodController {

    private final NeighbourhoodService service;
    private final GraphExporter exporter;

    NeighbourhoodController(NeighbourhoodService service, GraphExporter exporter) {
        this.service = service;
        this.exporter = exporter;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Neighbourhood of an entity (hub-safe)",
            description = "Breadth-first to `depth`; each expanded node contributes at most `limit` relationships "
                    + "(`offset` pages through the focal node's). A node with more has `hiddenNeighbours`; the answer is then "
                    + "`truncated` and `total` counts what the caps left out.")
    ResponseEntity<?> neighbourhood(@PathVariable String id,
                            @Parameter(description = "1..3, default 1") @RequestParam(required = false) Integer depth,
                            @Parameter(description = "Comma-separated relationship types") @RequestParam(required = false) String types,
                            @Parameter(description = "Relationships per expanded node, 1..500, default 100") @RequestParam(required = false) Integer limit,
                            @Parameter(description = "Skip this many of the focal node's relationships (paging), 0..1000000") @RequestParam(required = false) Integer offset,
                            @Parameter(description = "Year: keep relationships in force that year") @RequestParam(required = false) Integer asOf,
                            @Parameter(description = "Include inferred relationships (default true)") @RequestParam(required = false) Boolean inferred,
            @Parameter(description = "Download the answer in this format instead of JSON: graphml, cyjs, csv or ftm") @RequestParam(required = false) String format) {
        GraphView view = service.neighbourhood(Params.id("id", id), Params.bounded("depth", depth, 1, 1, 3),
                Params.bounded("limit", limit, 100, 1, 500), Params.bounded("offset", offset, 0, 0, 1_000_000),
                new Filters(Params.relTypes("types", types), Params.year("asOf", asOf), inferred == null || inferred));
        return exporter.answer(view, format, "neighbourhood-" + id);
    }
}

package org.filiere.tiers;

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
@RequestMapping("/api/graph/tiers")
@Tag(name = "Traversals")
class TiersController {

    private final TiersService service;
    private final GraphExporter exporter;

    TiersController(TiersService service, GraphExporter exporter) {
        this.service = service;
        this.exporter = exporter;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Supplier tiers around a focal firm",
            description = "Tier = shortest supply distance from the focal firm (upstream: its suppliers, their suppliers…; "
                    + "downstream: its customers…). Nodes carry `tier`; `meta.tiers` summarises each tier by country, sector and North/South.")
    ResponseEntity<?> tiers(@PathVariable String id,
                    @Parameter(description = "upstream (default) or downstream") @RequestParam(required = false) String direction,
                    @Parameter(description = "1..6, default 3") @RequestParam(required = false) Integer depth,
                    @Parameter(description = "Maximum firms, 1..5000, default 2000") @RequestParam(required = false) Integer limit,
                    @Parameter(description = "Year: keep supply links in force that year") @RequestParam(required = false) Integer asOf,
                    @Parameter(description = "Include inferred relationships (default true)") @RequestParam(required = false) Boolean inferred,
            @Parameter(description = "Download the answer in this format instead of JSON: graphml, cyjs, csv or ftm") @RequestParam(required = false) String format) {
        GraphView view = service.tiers(Params.id("id", id),
                Params.choice("direction", direction, TiersService.Direction.upstream, TiersService.Direction.class),
                Params.bounded("depth", depth, 3, 1, 6), Params.bounded("limit", limit, 2000, 1, 5000),
                new Filters(null, Params.year("asOf", asOf), inferred == null || inferred)).graph();
        return exporter.answer(view, format, "tiers-" + id);
    }
}

package org.filiere.neighbourhood;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.filiere.graph.Filters;
import org.filiere.graph.GraphView;
import org.filiere.graph.Params;
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

    NeighbourhoodController(NeighbourhoodService service) {
        this.service = service;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Neighbourhood of an entity (hub-safe)",
            description = "Breadth-first to `depth`; each expanded node contributes at most `limit` relationships "
                    + "(`offset` pages through the focal node's). A node with more has `hiddenNeighbours`; the answer is then "
                    + "`truncated` and `total` counts what the caps left out.")
    GraphView neighbourhood(@PathVariable String id,
                            @Parameter(description = "1..3, default 1") @RequestParam(required = false) Integer depth,
                            @Parameter(description = "Comma-separated relationship types") @RequestParam(required = false) String types,
                            @Parameter(description = "Relationships per expanded node, 1..500, default 100") @RequestParam(required = false) Integer limit,
                            @Parameter(description = "Skip this many of the focal node's relationships (paging), 0..1000000") @RequestParam(required = false) Integer offset,
                            @Parameter(description = "Year: keep relationships in force that year") @RequestParam(required = false) Integer asOf,
                            @Parameter(description = "Include inferred relationships (default true)") @RequestParam(required = false) Boolean inferred) {
        return service.neighbourhood(Params.id("id", id), Params.bounded("depth", depth, 1, 1, 3),
                Params.bounded("limit", limit, 100, 1, 500), Params.bounded("offset", offset, 0, 0, 1_000_000),
                new Filters(Params.relTypes("types", types), Params.year("asOf", asOf), inferred == null || inferred));
    }
}

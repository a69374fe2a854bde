package org.filiere.ownership;

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
@RequestMapping("/api/graph/ownership")
@Tag(name = "Traversals")
class OwnershipController {

    private final OwnershipService service;
    private final GraphExporter exporter;

    OwnershipController(OwnershipService service, GraphExporter exporter) {
        this.service = service;
        this.exporter = exporter;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Ownership and control chain up to the ultimate parent(s), and the group tree down",
            description = "Subsidiaries, stakes (share), acquisitions (year), brands and joint ventures. Nodes carry `level` "
                    + "(positive above the focal entity, negative below); edges carry `controller` and `controlled`; "
                    + "`meta.ultimateParents` lists the top of each chain.")
    ResponseEntity<?> ownership(@PathVariable String id,
                        @Parameter(description = "Year: keep relationships in force that year") @RequestParam(required = false) Integer asOf,
                        @Parameter(description = "Include inferred relationships (default true)") @RequestParam(required = false) Boolean inferred,
            @Parameter(description = "Download the answer in this format instead of JSON: graphml, cyjs, csv or ftm") @RequestParam(required = false) String format) {
        GraphView view = service.ownership(Params.id("id", id),
                new Filters(null, Params.year("asOf", asOf), inferred == null || inferred));
        return exporter.answer(view, format, "ownership-" + id);
    }
}

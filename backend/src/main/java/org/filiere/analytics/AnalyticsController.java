package org.filiere.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.filiere.graph.Filters;
import org.filiere.graph.Params;
import org.filiere.tiers.TiersService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/analytics")
@Tag(name = "Analytics")
class AnalyticsController {

    private final ExposureService exposure;
    private final FlowsService flows;

    AnalyticsController(ExposureService exposure, FlowsService flows) {
        this.exposure = exposure;
        this.flows = flows;
    }

    @GetMapping("/exposure/{id}")
    @Operation(summary = "A focal firm's supply network by tier × country, tier × sector and North/South share")
    ExposureService.Exposure exposure(@PathVariable String id,
                                      @Parameter(description = "upstream (default) or downstream") @RequestParam(required = false) String direction,
                                      @Parameter(description = "1..6, default 3") @RequestParam(required = false) Integer depth,
                                      @Parameter(description = "Year: keep supply links in force that year") @RequestParam(required = false) Integer asOf,
                                      @Parameter(description = "Include inferred supply links (default true), as for tiers") @RequestParam(required = false) Boolean inferred) {
        return exposure.exposure(Params.id("id", id),
                Params.choice("direction", direction, TiersService.Direction.upstream, TiersService.Direction.class),
                Params.bounded("depth", depth, 3, 1, 6), 5000, new Filters(null, Params.year("asOf", asOf), inferred == null || inferred));
    }

    @GetMapping("/flows")
    @Operation(summary = "Coproduction flows from home country to installation country, by direction",
            description = "`by=country`: a graph of countries with weighted edges (firms) plus rows; `by=sector`: rows per sector and direction. "
                    + "`notCounted`: the installations left out because their firm has no home country, under the same filters.")
    FlowsService.Flows flows(@Parameter(description = "country (default) or sector") @RequestParam(required = false) String by,
                             @Parameter(description = "Year: only installations in force that year") @RequestParam(required = false) Integer asOf,
                             @Parameter(description = "false: only installations a source states") @RequestParam(required = false) Boolean inferred) {
        return flows.flows(Params.choice("by", by, FlowsService.By.country, FlowsService.By.class), Params.year("asOf", asOf),
                inferred == null || inferred);
    }
}

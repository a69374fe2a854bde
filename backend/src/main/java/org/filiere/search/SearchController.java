package org.filiere.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.filiere.graph.BadRequestException;
import org.filiere.graph.Params;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/search")
@Tag(name = "Search")
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping
    @Operation(summary = "Full-text search over names and aliases",
            description = "Case-, accent- and typo-tolerant; ranked. Each hit names the alias that matched when it was not the name.")
    List<SearchService.Hit> search(
            @Parameter(description = "Text to search, 1 to 200 characters") @RequestParam(required = false) String q,
            @Parameter(description = "Comma-separated node types, e.g. Company,JointVenture") @RequestParam(required = false) String types,
            @Parameter(description = "Maximum hits, 1..50 (default 10)") @RequestParam(required = false) Integer limit) {
        if (q == null || q.isBlank() || q.length() > 200) {
            throw new BadRequestException("q", "Parameter 'q' is required and must be 1 to 200 characters.");
        }
        return search.search(q, Params.nodeTypes("types", types), Params.bounded("limit", limit, 10, 1, 50));
    }
}

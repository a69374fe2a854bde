package org.filiere.exporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.filiere.graph.BadRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

@RestController
@Tag(name = "Export")
class ExportController {

    private final GraphExporter exporter;

    ExportController(GraphExporter exporter) {
        this.exporter = exporter;
    }

    @GetMapping("/api/export")
    @Operation(summary = "The whole graph as a download: graphml, cyjs (Cytoscape JSON), csv (zip of the native import "
            + "format) or ftm (FollowTheMoney JSON lines)",
            description = "Streamed page by page: no cap on its size. See docs/exporting.md.")
    void export(@Parameter(description = "graphml, cyjs, csv or ftm") @RequestParam(required = false) String format,
                HttpServletResponse response) throws IOException {
        ExportFormat f = ExportFormat.parse(format);
        if (f == null) {
            throw new BadRequestException("format", "Parameter 'format' is required: one of graphml, cyjs, csv, ftm.");
        }
        GraphExporter.downloadHeaders(f, "filiere-graph").forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setStatus(HttpServletResponse.SC_OK);
        exporter.writeGraph(f, response.getOutputStream());
        response.flushBuffer();
    }
}

package org.filiere.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.filiere.graph.BadRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

@RestController
@Tag(name = "Import")
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import entities and relationships from the native CSV format (authenticated)",
            description = "Multipart: `nodes` and/or `relationships` CSV files and a `dataset` name. The whole upload is "
                    + "checked first; any error answers 400 with every error found and changes nothing. A valid upload is "
                    + "written in one transaction and answered 201 with the counts. See docs/importing.md.")
    ResponseEntity<ImportService.Result> importCsv(
            @Parameter(description = "Dataset name: lowercase letters, digits, '-', '_' or '.', up to 64 characters")
            @RequestParam(required = false) String dataset,
            @RequestPart(required = false) MultipartFile nodes,
            @RequestPart(required = false) MultipartFile relationships,
            Authentication user) throws IOException {
        if (dataset == null || !dataset.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new BadRequestException("dataset", "Parameter 'dataset' is required: lowercase letters, digits, '-', '_' "
                    + "or '.', up to 64 characters (e.g. 'my-suppliers-2024').");
        }
        if ((nodes == null || nodes.isEmpty()) && (relationships == null || relationships.isEmpty())) {
            throw new BadRequestException("nodes", "Send a 'nodes' file, a 'relationships' file or both.");
        }
        if (imports.isLoadedDataset(dataset)) {
            throw new BadRequestException("dataset", "'" + dataset + "' is a dataset loaded from its own files; import "
                    + "under another name.");
        }
        CsvImport upload = new CsvImport();
        if (nodes != null && !nodes.isEmpty()) {
            try (InputStream in = nodes.getInputStream()) {
                upload.readNodes(name(nodes, "nodes.csv"), in);
            }
        }
        if (relationships != null && !relationships.isEmpty()) {
            try (InputStream in = relationships.getInputStream()) {
                upload.readRelationships(name(relationships, "relationships.csv"), in);
            }
        }
        upload.checkEndpoints(imports::existingIds);
        if (upload.errorCount > 0) throw new ImportRejected(upload.errors, upload.errorCount);
        ImportService.Result result = imports.write(dataset, upload, user.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(result);
    }

    private static String name(MultipartFile file, String fallback) {
        String name = file.getOriginalFilename();
        return name == null || name.isBlank() ? fallback : name.replaceAll(".*[/\\\\]", "");
    }

    @ExceptionHandler(ImportRejected.class)
    ProblemDetail rejected(ImportRejected e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The upload has " + e.total()
                + " error" + (e.total() == 1 ? "" : "s") + (e.total() > e.errors().size() ? " (the first "
                + e.errors().size() + " are listed)" : "") + "; nothing was imported.");
        p.setTitle("Invalid import");
        p.setType(URI.create("https://filiere.dev/problems/invalid-import"));
        p.setProperty("errorCount", e.total());
        p.setProperty("errors", e.errors());
        return p;
    }
}

package org.filiere.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Part;
import org.filiere.curation.EntityCuration;
import org.filiere.graph.BadRequestException;
import org.filiere.graph.Params;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@RestController
@Tag(name = "Import", description = "Add your own data: native CSV, CSV with a mapping, FollowTheMoney. See docs/importing.md.")
class ImportController {

    private static final String PROBLEM = "application/problem+json";

    private final ImportService imports;
    private final Path workDir;

    ImportController(ImportService imports, @Value("${filiere.import.work-dir:}") String workDir) throws IOException {
        this.imports = imports;
        this.workDir = workDir == null || workDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "filiere-imports") : Path.of(workDir);
        Files.createDirectories(this.workDir);
        // Uploads left by a killed process are of no use (no job survives a restart). Only old ones go:
        // another instance may share the directory.
        var dayAgo = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
        try (var stale = Files.newDirectoryStream(this.workDir, "upload-*.tmp")) {
            for (Path p : stale) {
                if (Files.getLastModifiedTime(p).compareTo(dayAgo) < 0) Files.deleteIfExists(p);
            }
        }
    }

    @PostMapping(path = "/api/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Start an import (authenticated): native CSV, CSV with a mapping, or FollowTheMoney JSON lines",
            description = """
                    Multipart, one of three formats, with a `dataset` name:
                    - `nodes` and/or `relationships`: the native CSV files (the format of `GET /api/export?format=csv`);
                    - `file` + `mapping`: a CSV file of any layout and a mapping JSON naming its columns;
                    - `ftm`: FollowTheMoney entities, one JSON object per line (ftm, Aleph, OpenSanctions).

                    The whole upload is checked first (streamed from a temporary file); any error answers 400 with every \
                    error found (`file`, `row`, `column`, `value`, `message`) and nothing is written. A valid upload is \
                    answered 202 with the job and `Location: /api/imports/{id}`; the job writes it in one transaction \
                    (all or nothing, even if the server is killed), one import at a time. Poll the job for progress.""")
    @ApiResponse(responseCode = "202", description = "Accepted: the job, queued or running")
    @ApiResponse(responseCode = "400", description = "Invalid upload: every error listed, nothing written",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "413", description = "A file or the request is larger than the configured limit",
            content = @Content(mediaType = PROBLEM))
    ResponseEntity<ImportJob.View> start(
            @Parameter(description = "Dataset name: lowercase letters, digits, '-', '_' or '.', up to 64 characters")
            @RequestParam(required = false) String dataset,
            @Parameter(description = "Native CSV: nodes.csv") @RequestPart(required = false) MultipartFile nodes,
            @Parameter(description = "Native CSV: relationships.csv") @RequestPart(required = false) MultipartFile relationships,
            @Parameter(description = "CSV file of any layout, with `mapping`") @RequestPart(required = false) MultipartFile file,
            @Parameter(description = "Mapping JSON for `file` (a file or a text part)", schema = @Schema(type = "string", format = "binary"))
            @RequestPart(required = false) Part mapping,
            @Parameter(description = "FollowTheMoney entities, JSON lines") @RequestPart(required = false) MultipartFile ftm,
            @Parameter(description = "Text encoding of the CSV files (default UTF-8), e.g. windows-1252 for a spreadsheet "
                    + "saved as plain CSV by Excel on Windows") @RequestParam(required = false) String encoding,
            Authentication user) throws IOException {
        if (dataset == null || !dataset.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new BadRequestException("dataset", "Parameter 'dataset' is required: lowercase letters, digits, '-', '_' "
                    + "or '.', up to 64 characters (e.g. 'my-suppliers-2024').");
        }
        boolean csv = present(nodes) || present(relationships);
        boolean mapped = present(file) || mapping != null;
        boolean ftmGiven = present(ftm);
        int formats = (csv ? 1 : 0) + (mapped ? 1 : 0) + (ftmGiven ? 1 : 0);
        if (formats == 0) {
            for (MultipartFile sent : java.util.Arrays.asList(nodes, relationships, file, ftm)) {
                if (sent != null) throw new BadRequestException(sent.getName(), "'" + sent.getName() + "' is empty: the file sent has no content.");
            }
            throw new BadRequestException("nodes", "Send 'nodes' and/or 'relationships' (native CSV), 'file' with 'mapping' "
                    + "(CSV with a mapping), or 'ftm' (FollowTheMoney JSON lines).");
        }
        if (formats > 1) {
            throw new BadRequestException("file", "Send one format per import: 'nodes'/'relationships', or 'file' + 'mapping', or 'ftm'.");
        }
        Charset charset = charset(encoding, ftmGiven);
        if (mapped && (!present(file) || mapping == null)) {
            throw new BadRequestException(present(file) ? "mapping" : "file", "A mapped import needs both 'file' (the CSV) and 'mapping' (the JSON).");
        }
        if (imports.isLoadedDataset(dataset)) {
            throw new BadRequestException("dataset", "'" + dataset + "' is a dataset loaded from its own files; import "
                    + "under another name.");
        }
        // A re-import replaces the properties of its dataset's entities: under this name it would
        // overwrite what curators wrote (merged aliases, quotes, types) without an audit record.
        if (EntityCuration.DATASET.equals(dataset)) {
            throw new BadRequestException("dataset", "'" + dataset + "' holds what curators create in the explorer or through "
                    + "/api/entities; import under another name.");
        }
        List<Path> temps = new ArrayList<>();
        try {
            ImportJob.View job;
            if (csv) {
                job = imports.nativeCsv(dataset, user.getName(), save(nodes, "nodes.csv", charset, temps),
                        save(relationships, "relationships.csv", charset, temps));
            } else if (mapped) {
                Errors errors = new Errors();
                Mapping m = Mapping.parse(read(mapping), errors);
                errors.throwIfAny();
                job = imports.mapped(dataset, user.getName(), save(file, "file.csv", charset, temps), m);
            } else {
                job = imports.ftm(dataset, user.getName(), save(ftm, "entities.ftm.json", StandardCharsets.UTF_8, temps));
            }
            return ResponseEntity.accepted().location(URI.create("/api/imports/" + job.id())).body(job);
        } catch (RuntimeException | IOException e) {
            ImportService.delete(temps); // the job deletes them once written; a rejected upload's go now
            throw e;
        }
    }

    @GetMapping("/api/imports/{id}")
    @Operation(summary = "An import job: status (queued, running, succeeded, failed), rows done / total, counts, errors")
    @ApiResponse(responseCode = "404", description = "No such job (finished jobs are kept as records, across restarts)",
            content = @Content(mediaType = PROBLEM))
    ImportJob.View job(@PathVariable String id) {
        return imports.job(id);
    }

    @GetMapping("/api/imports")
    @Operation(summary = "Recent import jobs, newest first: those of this run, then the records of earlier ones")
    List<ImportJob.View> recent(@Parameter(description = "How many, 1..100 (default 20)") @RequestParam(required = false) Integer limit) {
        return imports.recent(Params.bounded("limit", limit, 20, 1, ImportService.KEPT));
    }

    private static boolean present(MultipartFile f) {
        return f != null && !f.isEmpty();
    }

    /**
     * The encoding the CSV files are in. Spreadsheets saved as plain CSV use the computer's code page
     * (windows-1252 for Excel in Western Europe, windows-1256 for Arabic), and their accented names
     * are not UTF-8. FollowTheMoney JSON lines are UTF-8 by definition.
     */
    private static Charset charset(String encoding, boolean ftm) {
        if (encoding == null || encoding.isBlank()) return StandardCharsets.UTF_8;
        if (ftm) throw new BadRequestException("encoding", "FollowTheMoney JSON lines are UTF-8: send no 'encoding' with 'ftm'.");
        try {
            return Charset.forName(encoding.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("encoding", "Unknown encoding '" + encoding + "': give a name such as UTF-8, windows-1252, "
                    + "ISO-8859-1 or windows-1256.");
        }
    }

    private ImportService.Upload save(MultipartFile f, String fallback, Charset charset, List<Path> temps) throws IOException {
        if (!present(f)) return null;
        Path path = Files.createTempFile(workDir, "upload-", ".tmp");
        temps.add(path);
        String name = f.getOriginalFilename();
        name = name == null || name.isBlank() ? fallback : name.replaceAll(".*[/\\\\]", "");
        try (InputStream in = f.getInputStream()) {
            if (charset.equals(StandardCharsets.UTF_8)) {
                Files.copy(in, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                // Stored as UTF-8, so the checks and the writer read every upload one way.
                transcode(in, charset, path, name);
            }
        }
        return new ImportService.Upload(name, path);
    }

    private static void transcode(InputStream in, Charset charset, Path path, String name) throws IOException {
        var decoder = charset.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try (Reader reader = new java.io.BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
             Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            reader.transferTo(writer);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadRequestException("encoding", "'" + name + "' is not " + charset.name() + " text: it has bytes that "
                    + charset.name() + " does not define. Check the encoding it was saved in.");
        }
    }

    private static String read(Part part) throws IOException {
        if (part.getSize() > 1_000_000) throw new BadRequestException("mapping", "The mapping is larger than 1 MB.");
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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

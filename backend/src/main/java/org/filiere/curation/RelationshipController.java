package org.filiere.curation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.filiere.graph.BadRequestException;
import org.filiere.graph.Params;
import org.filiere.graph.RelType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Arrays;

@RestController
@RequestMapping("/api/relationships")
@Tag(name = "Curation")
class RelationshipController {

    @Schema(name = "RelationshipFields", description = "Fields of a relationship. `source`, `target` and `type` are given on "
            + "creation only. In a PATCH, a field left out is kept and one sent as null is removed.")
    record RelationshipFields(@Schema(example = "acme-maroc") String source, @Schema(example = "renault-tanger") String target,
                              @Schema(description = "One of the relationship types of docs/model.md, in its direction", example = "SUPPLIES") String type,
                              @Schema(description = "Year it happened, 1800..2200") Integer year,
                              @Schema(description = "First year in force") Integer start, @Schema(description = "Last year in force") Integer end,
                              @Schema(description = "A fraction in (0, 1]", example = "0.51") Double share,
                              @Schema(description = "1 = first line", example = "1") Integer tier,
                              String document, @Schema(description = "Texts or {quote, section} objects") java.util.List<Object> quotes,
                              Boolean inferred, @Schema(description = "Why it is inferred (required when inferred)") String reason,
                              @Schema(description = "Why the change was made (kept in the audit trail only)") String comment) {
    }

    record Comment(@Schema(description = "Why (kept in the audit trail)") String comment) {
    }

    private final RelationshipCuration relationships;

    RelationshipController(RelationshipCuration relationships) {
        this.relationships = relationships;
    }

    @GetMapping
    @Operation(summary = "Relationships of one type, by id", description = "For review lists, e.g. `type=POSSIBLY_SAME_AS`: the "
            + "pairs of names that may be one entity, left for a curator to merge or dismiss; `inferred=true`: the links of that "
            + "type a source only implies, each with its reason.")
    RelationshipCuration.Page list(@Parameter(description = "A relationship type", example = "POSSIBLY_SAME_AS", required = true)
                                   @RequestParam(required = false) String type,
                                   @Parameter(description = "true: only inferred links; false: only stated ones; absent: both")
                                   @RequestParam(required = false) Boolean inferred,
                                   @RequestParam(required = false) Integer offset, @RequestParam(required = false) Integer limit) {
        if (type == null || type.isBlank()) {
            throw new BadRequestException("type", "Parameter 'type' is required: one of " + Arrays.toString(RelType.values()) + ".");
        }
        RelType t = Params.relTypes("type", type).stream().findFirst().orElseThrow();
        if (type.contains(",")) throw new BadRequestException("type", "Parameter 'type' takes one relationship type.");
        return relationships.list(t, inferred, Params.bounded("offset", offset, 0, 0, 1_000_000), Params.bounded("limit", limit, 100, 1, 500));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One relationship: its ends (with names) and every property",
            description = "The id is `source.TYPE.target` (e.g. `dacia.BRAND_OF.renault`); a malformed id answers 400, an unknown one 404.")
    RelationshipCuration.Relationship get(@PathVariable String id) {
        return relationships.get(id);
    }

    @PostMapping(consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Create a relationship (authenticated)", security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "session")}, description = "Both ends must exist and fit the type's "
            + "direction (docs/model.md), else 422; an existing relationship of that type between them answers 409. "
            + "Symmetric types (PARTNER_OF, POSSIBLY_SAME_AS) are stored once, ends in alphabetical order.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = RelationshipFields.class),
                    examples = @ExampleObject("{\"source\": \"acme-maroc\", \"target\": \"renault-tanger\", \"type\": \"SUPPLIES\", \"tier\": 1, "
                            + "\"year\": 2012, \"quotes\": [\"Acme supplies the plant\"]}"))))
    ResponseEntity<RelationshipCuration.Relationship> create(@RequestBody(required = false) JsonNode body, Authentication user) {
        String id = relationships.create(body, user.getName());
        return ResponseEntity.created(URI.create("/api/relationships/" + id)).body(relationships.get(id));
    }

    @PatchMapping(path = "/{id}", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Edit a relationship's properties (authenticated)", security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "session")}, description = "year, start, end, share, tier, "
            + "document, quotes, inferred, reason. Its ends and type cannot change (422): delete it and create another.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = RelationshipFields.class),
                    examples = @ExampleObject("{\"year\": 2013, \"share\": 0.4, \"tier\": null}"))))
    RelationshipCuration.Relationship edit(@PathVariable String id, @RequestBody(required = false) JsonNode body, Authentication user) {
        relationships.edit(id, body, user.getName());
        return relationships.get(id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a relationship (authenticated)", security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "session")}, description = "204; the audit record keeps it.")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(required = false) String comment, Authentication user) {
        relationships.delete(id, comment, user.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/dismiss")
    @Operation(summary = "Dismiss a POSSIBLY_SAME_AS link: the two are not the same (authenticated)", security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "session")},
            description = "Removes the link and records the decision (action `dismiss`) in the history of both entities. "
                    + "Any other relationship type answers 409 (delete it instead). Optional body: {\"comment\": …}.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(schema = @Schema(implementation = Comment.class))))
    ResponseEntity<Void> dismiss(@PathVariable String id, @RequestBody(required = false) JsonNode body, Authentication user) {
        relationships.dismiss(id, body, user.getName());
        return ResponseEntity.noContent().build();
    }
}

package org.filiere.curation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.filiere.entities.EntityService;
import org.filiere.graph.ConflictException;
import org.filiere.graph.NotFoundException;
import org.filiere.graph.Params;
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

@RestController
@RequestMapping("/api/entities")
@Tag(name = "Curation", description = "Create, edit, merge and delete entities and relationships (authenticated); "
        + "every change is recorded in an audit trail. See docs/curation.md.")
class EntityCurationController {

    private static final String JSON_TYPES = "application/json, application/merge-patch+json";

    /** The editable fields, for the OpenAPI description (the body is read field by field: see {@link Body}). */
    @Schema(name = "EntityFields", description = "Editable fields of an entity. In a PATCH, a field left out is kept and "
            + "an optional field sent as null is removed.")
    record EntityFields(@Schema(description = "Stable id (create only; default: a slug of the name)", example = "acme-maroc") String id,
                        @Schema(description = "Display name", example = "Acme Maroc") String name,
                        @Schema(description = "One of the node types of docs/model.md", example = "Company") String type,
                        @Schema(description = "ISO 3166-1 alpha-2", example = "MA") String country,
                        @Schema(example = "automotive") String sector,
                        @Schema(description = "Other names and printed spellings") java.util.List<String> aliases,
                        String description,
                        @Schema(description = "The document the facts come from", example = "suppliers-2024.pdf") String document,
                        @Schema(description = "Provenance quotes: texts or {quote, section} objects") java.util.List<Object> quotes,
                        @Schema(description = "Why the change was made (kept in the audit trail only)") String comment) {
    }

    record MergeRequest(@Schema(description = "Id of the entity merged into this one, then deleted", example = "viza") String other,
                        @Schema(description = "Why (kept in the audit trail)") String comment) {
    }

    private final EntityCuration curation;
    private final EntityService entities;
    private final AuditLog audit;

    EntityCurationController(EntityCuration curation, EntityService entities, AuditLog audit) {
        this.curation = curation;
        this.entities = entities;
        this.audit = audit;
    }

    @PostMapping(consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Create an entity (authenticated)", security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "session")},
            description = "Answers 201 with the entity's details and `Location`. 409 if the id is taken; 422 (with an `errors` list) "
                    + "for an unknown type, a bad country code, an unknown field…",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EntityFields.class),
                    examples = @ExampleObject("{\"name\": \"Acme Maroc\", \"type\": \"Company\", \"country\": \"MA\", \"aliases\": [\"ACME\"]}"))))
    @ApiResponse(responseCode = "201", description = "Created")
    ResponseEntity<EntityService.Details> create(@RequestBody(required = false) JsonNode body, Authentication user) {
        String id = curation.create(body, user.getName());
        return ResponseEntity.created(URI.create("/api/entities/" + id)).body(entities.get(id));
    }

    @PatchMapping(path = "/{id}", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Edit an entity (authenticated)", security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "session")}, description = "Only the fields sent change; an optional field sent as "
            + "null is removed. A type change that would break one of its relationships' direction rules answers 409. "
            + "Accepts " + JSON_TYPES + ".",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EntityFields.class),
                    examples = @ExampleObject("{\"name\": \"Sofiprotéol SA\", \"aliases\": [\"Avril\"], \"comment\": \"renamed in 2015\"}"))))
    EntityService.Details edit(@PathVariable String id, @RequestBody(required = false) JsonNode body, Authentication user) {
        curation.edit(Params.id("id", id), body, user.getName());
        try {
            return entities.get(id);
        } catch (NotFoundException deletedMeanwhile) {
            // The edit committed, then a delete did, before its answer was read: not a 404, which would
            // say the edit found nothing.
            throw new ConflictException("The edit was saved, then another request deleted '" + id
                    + "' before this answer was read; its history has both.");
        }
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an entity and its relationships (authenticated)", security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "session")}, description = "204; the audit record keeps "
            + "the entity and every relationship it had.")
    ResponseEntity<Void> delete(@PathVariable String id,
                                @Parameter(description = "Why (kept in the audit trail)") @RequestParam(required = false) String comment,
                                Authentication user) {
        curation.delete(Params.id("id", id), comment, user.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/merge", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Merge another entity into this one (authenticated)", security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "session")}, description = "The other entity's name and "
            + "aliases become aliases of this one; its relationships move here (a relationship this entity already has "
            + "absorbs the moved one's quotes; one between the two is dropped, never a self-loop); provenance of both is "
            + "kept (`documents`, `datasets`, `mergedIds`, quotes with their documents); the other node is deleted. "
            + "409 if a moved relationship would break the model's direction rules.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = MergeRequest.class))))
    EntityCuration.MergeResult merge(@PathVariable String id, @RequestBody(required = false) JsonNode body, Authentication user) {
        return curation.merge(Params.id("id", id), body, user.getName());
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The audit trail of an entity, newest first", description = "Every change to the entity, to its "
            + "relationships, and to the entities merged into it: who, when, what, before and after. A deleted or "
            + "merged-away id keeps its history (`mergedInto` names the survivor). 404 when the id never existed.")
    AuditLog.History history(@PathVariable String id,
                             @Parameter(description = "Changes to skip (paging)") @RequestParam(required = false) Integer offset,
                             @Parameter(description = "Changes per page, 1..200") @RequestParam(required = false) Integer limit) {
        String checked = Params.id("id", id);
        int o = Params.bounded("offset", offset, 0, 0, 1_000_000);
        int l = Params.bounded("limit", limit, 50, 1, 200);
        boolean exists;
        try {
            entities.get(checked);
            exists = true;
        } catch (NotFoundException e) {
            exists = false;
        }
        return audit.history(checked, exists, o, l);
    }
}

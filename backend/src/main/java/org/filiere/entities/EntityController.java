package org.filiere.entities;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.filiere.graph.Params;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/entities")
@Tag(name = "Entities")
class EntityController {

    private final EntityService entities;

    EntityController(EntityService entities) {
        this.entities = entities;
    }

    @GetMapping("/{id}")
    @Operation(summary = "All properties, aliases, numeric facts and provenance quotes of an entity, "
            + "with its relationship counts by type and direction (404 for an unknown id)")
    EntityService.Details get(@PathVariable String id) {
        return entities.get(Params.id("id", id));
    }
}

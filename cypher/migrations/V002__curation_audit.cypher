// Curation audit trail (backend/src/main/java/org/filiere/curation/AuditLog.java).
// One :__Audit node per change (who, when, what, before and after as JSON text), and one small
// :__AuditEntry per entity the change concerns, found by entity id for GET /api/entities/{id}/history.
// Neither carries :Entity nor links to an entity, so traversals, search, exports and counts never see them.

CREATE CONSTRAINT audit_change IF NOT EXISTS
FOR (a:__Audit) REQUIRE a.change IS UNIQUE;

CREATE INDEX audit_entry_entity IF NOT EXISTS FOR (e:__AuditEntry) ON (e.entity);

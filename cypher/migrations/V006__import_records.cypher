// What each finished import did (backend/src/main/java/org/filiere/importing/ImportService.java):
// one :__ImportRecord per job, with its status, counts and errors as the JSON of GET /api/imports/{id},
// so that a job's outcome outlives a restart, and a node's importJob names a record one can read.
// Not :Entity and linked to nothing, so traversals, search, exports and counts never see them.

CREATE CONSTRAINT import_record_id IF NOT EXISTS
FOR (r:__ImportRecord) REQUIRE r.id IS UNIQUE;

CREATE INDEX import_record_finished IF NOT EXISTS FOR (r:__ImportRecord) ON (r.finishedAt);

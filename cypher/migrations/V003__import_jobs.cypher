// Large imports are written in many transactions with a journal (docs/importing.md): the job node
// is the commit point, every element the job wrote carries importJob, and before-images of what it
// overwrote are kept as :__ImportUndo nodes until the job commits or is rolled back.
CREATE CONSTRAINT import_job_id IF NOT EXISTS
FOR (j:__ImportJob) REQUIRE j.id IS UNIQUE;

CREATE INDEX entity_import_job IF NOT EXISTS FOR (n:Entity) ON (n.importJob);

CREATE INDEX import_undo_job IF NOT EXISTS FOR (u:__ImportUndo) ON (u.__job);

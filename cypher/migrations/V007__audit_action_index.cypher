// Imports and a dataset's new version ask the audit trail whether, and what, curators merged,
// deleted or dismissed (curation/AuditLog: anyMerge, anyRemoval, removedByCurators): by action,
// not by a scan of every recorded change.
CREATE INDEX audit_action IF NOT EXISTS FOR (a:__Audit) ON (a.action);

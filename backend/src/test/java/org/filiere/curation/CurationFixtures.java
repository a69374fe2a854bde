package org.filiere.curation;

import org.filiere.support.SharedNeo4j;

import java.util.Map;

/** Test entities under one id prefix, and their removal (with their audit records) afterwards. */
final class CurationFixtures {

    private CurationFixtures() {
    }

    /** A prefix no other test uses: "cur-<base36 time>-". */
    static String prefix() {
        return "cur-" + Long.toString(System.nanoTime(), 36) + "-";
    }

    static void removeAll(String prefix) {
        var db = SharedNeo4j.get().defaultDatabaseService();
        db.executeTransactionally("""
                MATCH (e:__AuditEntry) WHERE e.entity STARTS WITH $p
                WITH collect(DISTINCT e.change) AS changes
                MATCH (x) WHERE (x:__Audit OR x:__AuditEntry) AND x.change IN changes
                DETACH DELETE x
                """, Map.of("p", prefix));
        db.executeTransactionally("MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n", Map.of("p", prefix));
    }
}

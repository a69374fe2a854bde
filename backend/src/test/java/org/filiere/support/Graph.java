package org.filiere.support;

import java.util.Map;

/** Direct reads and clean-ups against the shared test database, bypassing the application. */
public final class Graph {

    private Graph() {
    }

    public static long count(String cypher, Map<String, Object> params) {
        return SharedNeo4j.get().defaultDatabaseService().executeTransactionally(cypher, params,
                r -> ((Number) r.next().values().iterator().next()).longValue());
    }

    public static long count(String cypher) {
        return count(cypher, Map.of());
    }

    public static long entities() {
        return count("MATCH (n:Entity) RETURN count(n)");
    }

    public static long entityRelationships() {
        return count("MATCH (:Entity)-[r]->(:Entity) RETURN count(r)");
    }

    /** Removes what an import under {@code dataset} wrote; the IPEMED graph stays as it is. */
    public static void deleteDataset(String dataset) {
        SharedNeo4j.get().defaultDatabaseService().executeTransactionally(
                "MATCH ()-[r {dataset: $name}]->() DELETE r", Map.of("name", dataset));
        SharedNeo4j.get().defaultDatabaseService().executeTransactionally(
                "MATCH (n {dataset: $name}) DETACH DELETE n", Map.of("name", dataset));
    }
}

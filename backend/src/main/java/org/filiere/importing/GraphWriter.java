package org.filiere.importing;

import org.filiere.curation.AuditLog;
import org.filiere.graph.Endpoints;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one import in {@code UNWIND} batches and counts created / matched and progress per batch.
 * Without a {@link Journal}, nothing here commits: the caller's single transaction does, once, at
 * the end. With one, each batch is its own transaction together with its undo records.
 *
 * <p>An entity or relationship that already belongs to another dataset (IPEMED, another import)
 * is matched, linked to, and left as it is. Values that are the same for every row (dataset,
 * file, time, user) are query parameters, not per-row map entries: the transaction state then
 * holds one copy of each instead of one per row.
 */
final class GraphWriter {

    static final int BATCH = 5_000;

    private static final List<String> TYPE_LABELS = Arrays.stream(NodeType.values()).map(NodeType::name).toList();

    static final String NODES = """
            UNWIND $rows AS row
            OPTIONAL MATCH (old:Entity {id: row.id})
            WITH row, old IS NOT NULL AS existed,
                 CASE WHEN old.dataset = $dataset AND old.type <> row.type THEN [row.id, old.type, row.props.row] END AS retyped
            MERGE (n:Entity {id: row.id})
              ON CREATE SET n.dataset = $dataset
            WITH n, row, existed, retyped
            CALL (n, row) {
              WITH n, row WHERE n.dataset = $dataset
              REMOVE n:$($typeLabels)
              SET n = row.props, n:$(row.type), n.dataset = $dataset, n.file = $file, n.importedAt = $importedAt,
                  n.importedBy = $importedBy, n.importJob = $job
              // North or South, from its country, as the dataset loader and curation set it: tiers and
              // exposure count firms by side.
              WITH n
              OPTIONAL MATCH (c:Entity:Country) WHERE c.iso2 = n.country
              WITH n, head(collect(c.classification)) AS side
              SET n.side = CASE WHEN n:Country THEN n.classification ELSE side END
            }
            RETURN count(*) AS rows, sum(CASE WHEN existed THEN 1 ELSE 0 END) AS matched, collect(retyped) AS retyped
            """;

    /**
     * A link of the given entities (whose type this import just changed) that their new type cannot
     * have ({@code $pairs}: type name → allowed [source type, target type]), of any dataset: an
     * import deletes nothing, so the link stays, and would break the model as curation would refuse.
     */
    static final String RETYPED_LINKS = """
            UNWIND $ids AS id
            MATCH (n:Entity {id: id})-[r]-(m:Entity)
            WHERE NOT (CASE WHEN startNode(r) = n THEN [n.type, m.type] ELSE [m.type, n.type] END) IN $pairs[type(r)]
            RETURN n.id AS id, n.type AS type, type(r) AS link, startNode(r).id AS source, endNode(r).id AS target,
                   r.dataset AS dataset
            LIMIT 1
            """;

    /**
     * The type is written into the text (from the RelType allow-list): a dynamic-type MERGE plans
     * as a scan of every relationship per row in 5.26 (see synthetic/BulkLoader). Rows whose
     * endpoints are missing, or whose endpoints' types the relationship type cannot join
     * ({@code $pairs}, from graph/Endpoints, as curation checks them), drop out of the count,
     * which the caller checks.
     */
    static final String RELATIONSHIPS = """
            UNWIND $rows AS row
            MATCH (a:Entity {id: row.source})
            MATCH (b:Entity {id: row.target})
            WHERE [a.type, b.type] IN $pairs
            OPTIONAL MATCH (a)-[old:%1$s {id: row.id}]->(b)
            WITH a, b, row, old IS NOT NULL AS existed
            MERGE (a)-[r:%1$s {id: row.id}]->(b)
              ON CREATE SET r.dataset = $dataset
            WITH r, row, existed
            FOREACH (_ IN CASE WHEN r.dataset = $dataset THEN [1] ELSE [] END |
              SET r = row.props, r.dataset = $dataset, r.file = $file, r.importedAt = $importedAt, r.importedBy = $importedBy,
                  r.importJob = $job)
            RETURN count(*) AS rows, sum(CASE WHEN existed THEN 1 ELSE 0 END) AS matched
            """;

    /** "Possibly the same" is symmetric and stored once: a pair already linked either way is left alone. */
    static final String POSSIBLY_SAME = """
            UNWIND $rows AS row
            MATCH (a:Entity {id: row.source})
            MATCH (b:Entity {id: row.target})
            WITH a, b, row WHERE NOT EXISTS { (a)-[:POSSIBLY_SAME_AS]-(b) }
            CREATE (a)-[r:POSSIBLY_SAME_AS]->(b)
            SET r = row.props, r.dataset = $dataset, r.file = $file, r.importedAt = $importedAt, r.importedBy = $importedBy,
                r.importJob = $job
            RETURN count(r) AS created
            """;

    record NodeWrite(String id, NodeType type, Map<String, Object> props) {
    }

    record RelWrite(String source, String target, RelType type, String id, int row, Map<String, Object> props) {
    }

    /**
     * Thrown when a batch cannot be written as it was checked: an endpoint vanished since the
     * upload was validated, the two ends' types do not fit the relationship type (a Country
     * that SUPPLIES a firm), or an entity's new type does not fit a link it has. The transaction
     * rolls back, and so does the whole import.
     */
    static final class BatchRefused extends RuntimeException {
        BatchRefused(String message) {
            super(message);
        }
    }

    private final Neo4jClient client;
    private final ImportJob job;
    private final ZonedDateTime importedAt;
    /** Null when the whole import is one transaction; else each batch commits with its undo records. */
    private final Journal journal;
    private final Map<RelType, List<RelWrite>> pending = new EnumMap<>(RelType.class);
    private final Map<RelType, String> pendingFile = new EnumMap<>(RelType.class);
    private String file;
    /** Rows written count toward progress; mapped formats scale their writes to their rows. */
    private double rowsPerWrite = 1;

    GraphWriter(Neo4jClient client, ImportJob job, ZonedDateTime importedAt, Journal journal) {
        this.client = client;
        this.job = job;
        this.importedAt = importedAt;
        this.journal = journal;
    }

    private <T> T batch(java.util.function.Supplier<T> work) {
        return journal == null ? work.get() : journal.batch(work);
    }

    /** The uploaded file the next writes come from (provenance {@code file}). */
    void file(String name) {
        this.file = name;
    }

    void rowsPerWrite(double ratio) {
        this.rowsPerWrite = ratio;
    }

    Neo4jClient client() {
        return client;
    }

    ZonedDateTime importedAt() {
        return importedAt;
    }

    /**
     * Ids a curator merged away, mapped to the entity that holds each today ({@link AuditLog#survivors}):
     * a row that gives such an id is matched to the survivor, whose properties it leaves alone, and
     * links to it go to the survivor, so that re-importing a file does not bring a merged duplicate back.
     */
    private final Map<String, String> merged = new java.util.HashMap<>();
    private Boolean anyMerge;

    private boolean anyMerge() {
        if (anyMerge == null) anyMerge = batch(() -> AuditLog.any(client, List.of("merge")));
        return anyMerge;
    }

    /** Ids already looked up (merged or not): each id of the upload is asked about once. */
    private final Set<String> lookedUp = new java.util.HashSet<>();

    private void lookUpMerged(Set<String> ids) {
        ids.removeAll(lookedUp);
        if (ids.isEmpty()) return;
        merged.putAll(AuditLog.survivors(client, ids));
        lookedUp.addAll(ids);
    }

    void nodes(List<NodeWrite> given) {
        if (given.isEmpty()) return;
        List<NodeWrite> batch = given;
        if (anyMerge()) {
            batch(() -> {
                lookUpMerged(given.stream().map(NodeWrite::id).collect(java.util.stream.Collectors.toSet()));
                return null;
            });
            batch = given.stream().filter(n -> !merged.containsKey(n.id())).toList();
            job.nodesMatched.addAndGet(given.size() - batch.size());
            progress(given.size() - batch.size());
            if (batch.isEmpty()) {
                given.clear();
                return;
            }
        }
        List<NodeWrite> toWrite = batch;
        var result = batch(() -> {
            resolveSectors(toWrite);
            List<Map<String, Object>> rows = new ArrayList<>(toWrite.size());
            for (NodeWrite n : toWrite) rows.add(Map.of("id", n.id(), "type", n.type().name(), "props", sectorAsKnown(n.props())));
            Map<String, Object> params = params(file, rows);
            params.put("typeLabels", TYPE_LABELS);
            if (journal != null) journal.saveNodes(toWrite.stream().map(NodeWrite::id).toList(), job.dataset);
            var r = client.query(NODES).bindAll(params).fetch().one().orElseThrow();
            List<?> retyped = (List<?>) r.get("retyped");
            if (!retyped.isEmpty()) refuseBrokenLinks(retyped);
            return r;
        });
        long matched = ((Number) result.get("matched")).longValue();
        job.nodesMatched.addAndGet(matched);
        job.nodesCreated.addAndGet(batch.size() - matched);
        progress(batch.size());
        given.clear();
    }

    /**
     * The spelling each sector is written with, by {@link Names#normalise normalised} text: a
     * sector entity's name when one has it ("automotive" → "Automotive", the IPEMED sector), else
     * the first spelling of this import, so the tier chart and filters count one sector, not two.
     */
    private final Map<String, String> sectorNames = new java.util.HashMap<>();

    private static final String SECTOR_ENTITIES = """
            MATCH (s:Entity) WHERE s.normalisedName IN $keys AND s.type = 'Sector'
            RETURN s.normalisedName AS key, s.name AS name ORDER BY s.id
            """;

    private void resolveSectors(List<NodeWrite> nodes) {
        Set<String> keys = new java.util.HashSet<>();
        for (NodeWrite n : nodes) {
            if (n.props().get("sector") instanceof String sector && !Names.normalise(sector).isEmpty()) {
                String key = Names.normalise(sector);
                if (!sectorNames.containsKey(key)) keys.add(key);
            }
        }
        if (keys.isEmpty()) return;
        for (Map<String, Object> row : client.query(SECTOR_ENTITIES).bind(List.copyOf(keys)).to("keys").fetch().all()) {
            sectorNames.putIfAbsent((String) row.get("key"), (String) row.get("name"));
        }
    }

    private Map<String, Object> sectorAsKnown(Map<String, Object> props) {
        if (!(props.get("sector") instanceof String sector)) return props;
        String key = Names.normalise(sector);
        if (key.isEmpty()) return props;
        String known = sectorNames.computeIfAbsent(key, k -> sector);
        if (known.equals(sector)) return props;
        Map<String, Object> out = new LinkedHashMap<>(props);
        out.put("sector", known);
        return out;
    }

    /**
     * A relationship as the dataset and curation store it ({@link RelType#storedReversed}): a
     * symmetric one (PARTNER_OF, POSSIBLY_SAME_AS) once, ends in alphabetical order, so
     * "b,a,PARTNER_OF" after "a,b,PARTNER_OF" matches instead of adding a second link; a customer
     * link as its supply link, so "a,b,CUSTOMER_OF" and "b,a,SUPPLIES" are one link.
     */
    static RelWrite canonical(RelWrite rel) {
        RelType.Stored stored = rel.type().store(rel.source(), rel.target());
        if (stored.id().equals(rel.id()) && stored.source().equals(rel.source())) return rel;
        Map<String, Object> props = new LinkedHashMap<>(rel.props());
        if (props.containsKey("id")) props.put("id", stored.id());
        return new RelWrite(stored.source(), stored.target(), stored.type(), stored.id(), rel.row(), props);
    }

    /** Buffers per type (the type is part of the query text) and writes full batches. */
    void relationship(RelWrite given) {
        RelWrite rel = canonical(given);
        List<RelWrite> list = pending.computeIfAbsent(rel.type(), t -> new ArrayList<>(BATCH));
        String previous = pendingFile.put(rel.type(), file);
        if (previous != null && !previous.equals(file)) throw new IllegalStateException("flush() between files");
        list.add(rel);
        if (list.size() >= BATCH) write(rel.type(), list);
    }

    /** Writes every buffered relationship. */
    void flush() {
        pending.forEach((type, list) -> {
            if (!list.isEmpty()) write(type, list);
        });
        pendingFile.clear();
    }

    /**
     * The batch with ends merged away replaced by their survivors. Two rows that now give one link
     * are one write (the first kept, the other counted as matched, as FtM links that give one
     * relationship are); a row that now joins the survivor to itself is skipped and counted so.
     */
    private List<RelWrite> toSurvivors(List<RelWrite> batch) {
        if (!anyMerge()) return batch;
        Set<String> ends = new java.util.HashSet<>();
        batch.forEach(r -> {
            ends.add(r.source());
            ends.add(r.target());
        });
        batch(() -> {
            lookUpMerged(ends);
            return null;
        });
        Map<String, RelWrite> out = new LinkedHashMap<>();
        int loops = 0;
        for (RelWrite r : batch) {
            String source = merged.getOrDefault(r.source(), r.source());
            String target = merged.getOrDefault(r.target(), r.target());
            if (source.equals(target)) {
                loops++;
                continue;
            }
            RelWrite w = canonical(new RelWrite(source, target, r.type(), r.id(), r.row(), r.props()));
            out.putIfAbsent(w.id(), w);
        }
        job.skipped.addAndGet(loops);
        job.relsMatched.addAndGet(batch.size() - loops - out.size());
        return List.copyOf(out.values());
    }

    private void write(RelType type, List<RelWrite> given) {
        List<RelWrite> batch = toSurvivors(given);
        List<Map<String, Object>> rows = new ArrayList<>(batch.size());
        for (RelWrite r : batch) {
            rows.add(Map.of("source", r.source(), "target", r.target(), "id", r.id(), "props", r.props()));
        }
        var result = batch(() -> {
            if (journal != null) journal.saveRelationships(type.name(), rows, job.dataset);
            Map<String, Object> params = params(pendingFile.get(type), rows);
            params.put("pairs", PAIRS.get(type.name()));
            var r = client.query(RELATIONSHIPS.formatted(type.name())).bindAll(params).fetch().one().orElseThrow();
            if (((Number) r.get("rows")).longValue() < batch.size()) throw new BatchRefused(missing(type, batch));
            return r;
        });
        long matched = ((Number) result.get("matched")).longValue();
        job.relsMatched.addAndGet(matched);
        job.relsCreated.addAndGet(batch.size() - matched);
        progress(given.size());
        given.clear();
    }

    /** Links each pair with POSSIBLY_SAME_AS unless already linked; counts those created as flagged. */
    void possiblySame(List<RelWrite> pairs) {
        for (int i = 0; i < pairs.size(); i += BATCH) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RelWrite given : pairs.subList(i, Math.min(pairs.size(), i + BATCH))) {
                RelWrite r = canonical(given);
                rows.add(Map.of("source", r.source(), "target", r.target(), "props", r.props()));
            }
            long created = batch(() -> client.query(POSSIBLY_SAME).bindAll(params(file, rows)).fetchAs(Long.class).one().orElse(0L));
            job.flagged.addAndGet(created);
        }
    }

    /** Source and target types each relationship type may join ({@code $pairs} of {@link #RELATIONSHIPS}). */
    /** By type name: the batch write takes its type's list, the retype check the whole map ({@code $pairs[type(r)]}). */
    private static final Map<String, List<List<String>>> PAIRS = new java.util.HashMap<>();

    static {
        for (RelType t : RelType.values()) {
            List<List<String>> pairs = new ArrayList<>();
            for (NodeType s : NodeType.values()) {
                for (NodeType o : NodeType.values()) {
                    if (Endpoints.problem(s, t, o).isEmpty()) pairs.add(List.of(s.name(), o.name()));
                }
            }
            PAIRS.put(t.name(), pairs);
        }
    }

    /** Fails the batch (and so the import) when an entity's new type no longer fits one of its links. */
    private void refuseBrokenLinks(List<?> retyped) {
        Map<String, String> was = new java.util.HashMap<>();
        Map<String, Object> rowOf = new java.util.HashMap<>();
        for (Object triple : retyped) {
            List<?> p = (List<?>) triple;
            was.put((String) p.get(0), (String) p.get(1));
            if (p.get(2) != null) rowOf.put((String) p.get(0), p.get(2));
        }
        client.query(RETYPED_LINKS).bindAll(Map.of("ids", List.copyOf(was.keySet()), "pairs", PAIRS)).fetch().one()
                .ifPresent(row -> {
                    String id = (String) row.get("id");
                    String link = (String) row.get("link");
                    String rule = RelType.parse(link).map(t -> ": " + link + " goes " + Endpoints.rule(t).description()).orElse("");
                    String where = rowOf.containsKey(id) ? "Row " + rowOf.get(id) + (file == null ? "" : " of " + file) + ": e" : "E";
                    throw new BatchRefused(where + "ntity '" + id + "' would change type from " + was.get(id) + " to " + row.get("type")
                            + ", but its link " + row.get("source") + " " + link + " " + row.get("target")
                            + " (dataset '" + row.get("dataset") + "') cannot join a " + row.get("type") + rule
                            + ". Keep the type, or withdraw that link first. Nothing was imported.");
                });
    }

    /** Why a batch wrote fewer rows than it had: the first row whose endpoint is gone or does not fit the type. */
    private String missing(RelType type, List<RelWrite> batch) {
        List<String> ids = new ArrayList<>();
        batch.forEach(r -> {
            ids.add(r.source());
            ids.add(r.target());
        });
        Map<String, String> found = new java.util.HashMap<>();
        client.query("UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.type AS type")
                .bind(ids).to("ids").fetch().all().forEach(row -> found.put((String) row.get("id"), (String) row.get("type")));
        for (RelWrite r : batch) {
            String gone = !found.containsKey(r.source()) ? r.source() : !found.containsKey(r.target()) ? r.target() : null;
            if (gone != null) {
                return "Row " + r.row() + ": entity '" + gone + "' is no longer in the graph (deleted after the upload "
                        + "was checked); nothing was imported.";
            }
            var source = NodeType.parse(found.get(r.source()));
            var target = NodeType.parse(found.get(r.target()));
            String problem = source.isEmpty() || target.isEmpty() ? "an end has no known type."
                    : Endpoints.problem(source.get(), type, target.get()).orElse(null);
            if (problem != null) return "Row " + r.row() + ": " + r.source() + " → " + r.target() + ": " + problem + " Nothing was imported.";
        }
        return "A relationship's endpoint is no longer in the graph; nothing was imported.";
    }

    private void progress(int writes) {
        job.rowsDone.addAndGet(Math.round(writes * rowsPerWrite));
    }

    private Map<String, Object> params(String fileName, List<Map<String, Object>> rows) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("rows", rows);
        p.put("dataset", job.dataset);
        p.put("file", fileName);
        p.put("importedAt", importedAt);
        p.put("importedBy", job.importedBy);
        p.put("job", job.id);
        return p;
    }
}

package org.filiere.importing;

import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.ReadQueries;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a validated CSV upload in one transaction: the graph gets all of it or none of it.
 *
 * <p>Nodes are merged on {@code id}, relationships on {@code source.TYPE.target}, so importing the
 * same files again changes nothing but the import time. An entity or relationship that already
 * belongs to another dataset (IPEMED, another import) is matched, linked to, and left as it is:
 * an import never rewrites someone else's facts or provenance.
 */
@Service
public class ImportService {

    static final int BATCH = 1000;

    public record Counts(long created, long matched) {
    }

    public record Result(String dataset, Counts nodes, Counts relationships, String importedBy, String importedAt) {
    }

    private final Neo4jClient client;
    private final ReadQueries reads;
    private final TransactionTemplate tx;

    public ImportService(Neo4jClient client, ReadQueries reads, PlatformTransactionManager transactions) {
        this.client = client;
        this.reads = reads;
        this.tx = new TransactionTemplate(transactions);
    }

    boolean isLoadedDataset(String name) {
        return reads.read(c -> c.query("MATCH (d:__Dataset {name: $name}) RETURN count(d) > 0").bind(name).to("name")
                .fetchAs(Boolean.class).one().orElse(false));
    }

    Set<String> existingIds(Set<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 10 * BATCH) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + 10 * BATCH));
            found.addAll(reads.read(c -> c.query("MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id").bind(batch).to("ids")
                    .fetchAs(String.class).all()));
        }
        return found;
    }

    private Set<String> existingRelationshipIds(List<CsvImport.RelRow> rels) {
        Set<String> found = new HashSet<>();
        for (int i = 0; i < rels.size(); i += BATCH) {
            List<Map<String, Object>> rows = rels.subList(i, Math.min(rels.size(), i + BATCH)).stream()
                    .map(r -> Map.<String, Object>of("source", r.source(), "target", r.target(), "type", r.type().name(), "id", r.id()))
                    .toList();
            found.addAll(reads.read(c -> c.query("""
                            UNWIND $rows AS row
                            MATCH (:Entity {id: row.source})-[r]->(:Entity {id: row.target})
                            WHERE type(r) = row.type AND r.id = row.id
                            RETURN DISTINCT r.id
                            """).bind(rows).to("rows").fetchAs(String.class).all()));
        }
        return found;
    }

    Result write(String dataset, CsvImport upload, String user) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Set<String> nodeIds = new HashSet<>();
        upload.nodes.forEach(n -> nodeIds.add(n.id()));
        long nodesMatched = existingIds(nodeIds).size();
        long relsMatched = existingRelationshipIds(upload.relationships).size();
        List<String> typeLabels = Arrays.stream(NodeType.values()).map(NodeType::name).toList();
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < upload.nodes.size(); i += BATCH) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (CsvImport.NodeRow n : upload.nodes.subList(i, Math.min(upload.nodes.size(), i + BATCH))) {
                    rows.add(Map.of("id", n.id(), "type", n.type().name(), "props", nodeProperties(dataset, n, user, now)));
                }
                client.query("""
                        UNWIND $rows AS row
                        MERGE (n:Entity {id: row.id})
                        ON CREATE SET n.dataset = $dataset
                        WITH n, row WHERE n.dataset = $dataset
                        REMOVE n:$($typeLabels)
                        SET n = row.props, n:$(row.type)
                        """).bindAll(Map.of("rows", rows, "dataset", dataset, "typeLabels", typeLabels)).run();
            }
            for (int i = 0; i < upload.relationships.size(); i += BATCH) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (CsvImport.RelRow r : upload.relationships.subList(i, Math.min(upload.relationships.size(), i + BATCH))) {
                    rows.add(Map.of("source", r.source(), "target", r.target(), "type", r.type().name(), "id", r.id(),
                            "props", relProperties(dataset, r, user, now)));
                }
                client.query("""
                        UNWIND $rows AS row
                        MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
                        MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
                        ON CREATE SET r.dataset = $dataset
                        WITH r, row WHERE r.dataset = $dataset
                        SET r = row.props
                        """).bindAll(Map.of("rows", rows, "dataset", dataset)).run();
            }
        });
        return new Result(dataset, new Counts(nodeIds.size() - nodesMatched, nodesMatched),
                new Counts(upload.relationships.size() - relsMatched, relsMatched), user, now.toString());
    }

    private static Map<String, Object> nodeProperties(String dataset, CsvImport.NodeRow n, String user, ZonedDateTime now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", n.id());
        p.put("name", n.name());
        p.put("type", n.type().name());
        p.put("normalisedName", Names.normalise(n.name()));
        p.put("aliases", n.aliases());
        p.put("aliasText", String.join(" | ", n.aliases()));
        if (n.country() != null) p.put("country", n.country());
        if (n.sector() != null) p.put("sector", n.sector());
        if (n.document() != null) p.put("document", n.document());
        p.put("quotes", n.quote() == null ? List.of() : List.of(n.quote()));
        provenance(p, dataset, n.file(), n.row(), user, now);
        return p;
    }

    private static Map<String, Object> relProperties(String dataset, CsvImport.RelRow r, String user, ZonedDateTime now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", r.id());
        if (r.year() != null) p.put("year", r.year());
        if (r.start() != null) p.put("start", r.start());
        if (r.end() != null) p.put("end", r.end());
        if (r.share() != null) p.put("share", r.share());
        if (r.tier() != null) p.put("tier", r.tier());
        if (r.document() != null) p.put("document", r.document());
        p.put("quotes", r.quote() == null ? List.of() : List.of(r.quote()));
        p.put("inferred", false);
        provenance(p, dataset, r.file(), r.row(), user, now);
        return p;
    }

    private static void provenance(Map<String, Object> p, String dataset, String file, int row, String user, ZonedDateTime now) {
        p.put("dataset", dataset);
        p.put("file", file);
        p.put("row", row);
        p.put("importedAt", now);
        p.put("importedBy", user);
    }

}

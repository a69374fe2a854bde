package org.filiere.exporting;

import org.filiere.graph.Elements;
import org.filiere.graph.GraphView;
import org.filiere.graph.ReadQueries;
import org.neo4j.driver.types.Node;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes graphs in the export formats straight to an output stream. The whole graph is read in
 * pages (keyset on the entity id, each page its own read transaction with the query timeout), so
 * memory stays constant whatever the graph's size and no row cap applies. Pages are not one
 * snapshot: writes that land during an export may or may not be in it.
 */
@Component
public class GraphExporter {

    /** Internal or derived properties that an export leaves out (they are rebuilt on import). */
    private static final Set<String> NODE_SKIP = Set.of("aliasText", "normalisedName");

    private final ReadQueries reads;
    private final int pageSize;

    public GraphExporter(ReadQueries reads, @Value("${filiere.export.page-size:1000}") int pageSize) {
        this.reads = reads;
        this.pageSize = pageSize;
    }

    /**
     * The JSON answer when {@code format} is absent, else a download of the same answer in that
     * format ({@code Content-Disposition: attachment; filename=<base>.<ext>}).
     */
    public ResponseEntity<?> answer(GraphView view, String format, String baseName) {
        ExportFormat f = ExportFormat.parse(format);
        if (f == null) return ResponseEntity.ok(view);
        // A traversal answer is capped and already in memory: its file is built in memory too
        // (a StreamingResponseBody would not be recognised behind the controllers' ResponseEntity<?>).
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        try {
            write(view, f, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ResponseEntity.ok().headers(downloadHeaders(f, baseName)).body(body.toByteArray());
    }

    public static HttpHeaders downloadHeaders(ExportFormat format, String baseName) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(format.contentType()));
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(format.fileName(baseName.replaceAll("[^A-Za-z0-9._-]", "_")), StandardCharsets.UTF_8).build());
        return headers;
    }

    public void write(GraphView view, ExportFormat format, OutputStream out) throws IOException {
        Set<String> nodeKeys = new LinkedHashSet<>();
        Set<String> edgeKeys = new LinkedHashSet<>();
        view.nodes().forEach(n -> nodeKeys.addAll(n.data().keySet()));
        view.edges().forEach(e -> edgeKeys.addAll(e.data().keySet()));
        GraphSink sink = sink(format, out);
        sink.begin(nodeKeys, edgeKeys);
        for (GraphView.Element n : view.nodes()) sink.node(n.data());
        for (GraphView.Element e : view.edges()) sink.edge(e.data());
        sink.end();
    }

    /** The whole graph: every entity, then every relationship between entities. */
    public void writeGraph(ExportFormat format, OutputStream out) throws IOException {
        Set<String> nodeKeys = new LinkedHashSet<>(List.of("label", "type", "name"));
        nodeKeys.addAll(reads.read(c -> c.query("MATCH (n:Entity) UNWIND keys(n) AS k RETURN DISTINCT k ORDER BY k")
                .fetchAs(String.class).all()));
        nodeKeys.removeAll(NODE_SKIP);
        Set<String> edgeKeys = new LinkedHashSet<>(List.of("type", "label", "inferred", "quote"));
        edgeKeys.addAll(reads.read(c -> c.query("MATCH (:Entity)-[r]->(:Entity) UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k")
                .fetchAs(String.class).all()));
        GraphSink sink = sink(format, out);
        sink.begin(nodeKeys, edgeKeys);
        String after = "";
        while (true) {
            String cursor = after;
            List<Map<String, Object>> page = reads.read(c -> c.query(
                            "MATCH (n:Entity) WHERE n.id > $after RETURN n ORDER BY n.id LIMIT $limit")
                    .bindAll(Map.of("after", cursor, "limit", pageSize))
                    .fetchAs(Map.class).mappedBy((t, r) -> node(r.get("n").asNode())).all().stream()
                    .map(m -> (Map<String, Object>) m).toList());
            for (Map<String, Object> n : page) sink.node(n);
            if (page.size() < pageSize) break;
            after = (String) page.get(page.size() - 1).get("id");
        }
        after = "";
        while (true) {
            String cursor = after;
            List<String> ids = reads.read(c -> c.query(
                            "MATCH (n:Entity) WHERE n.id > $after RETURN n.id ORDER BY n.id LIMIT $limit")
                    .bindAll(Map.of("after", cursor, "limit", pageSize)).fetchAs(String.class).all().stream().toList());
            if (ids.isEmpty()) break;
            List<GraphView.Element> edges = reads.read(c -> c.query("""
                            MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids
                            RETURN a.id AS source, r, b.id AS target ORDER BY a.id, type(r), b.id
                            """).bind(ids).to("ids")
                    .fetchAs(GraphView.Element.class)
                    .mappedBy((t, r) -> Elements.edge(r.get("r").asRelationship(), r.get("source").asString(), r.get("target").asString()))
                    .all().stream().toList());
            for (GraphView.Element e : edges) sink.edge(e.data());
            if (ids.size() < pageSize) break;
            after = ids.get(ids.size() - 1);
        }
        sink.end();
    }

    private static Map<String, Object> node(Node node) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", node.get("id").asString());
        data.put("label", node.get("name").asString(node.get("id").asString()));
        data.put("type", node.get("type").asString(null));
        node.asMap().forEach((k, v) -> {
            if (!NODE_SKIP.contains(k)) data.putIfAbsent(k, v);
        });
        return data;
    }

    private static GraphSink sink(ExportFormat format, OutputStream out) throws IOException {
        return switch (format) {
            case graphml -> new GraphmlWriter(out);
            case cyjs -> new CyjsWriter(out);
            case csv -> new CsvZipWriter(out);
            case ftm -> new FtmWriter(out);
        };
    }
}

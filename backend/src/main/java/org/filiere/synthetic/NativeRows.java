package org.filiere.synthetic;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of the native import CSV files ({@code nodes.csv}, {@code relationships.csv}, headers in
 * {@link SyntheticGenerator}) turned into the graph's properties (docs/model.md). Both loaders use
 * this, so a graph loaded offline and one loaded through the driver carry the same properties.
 *
 * <p>{@code country} is the CSV's ISO-2 and {@code side} the classification of that country.
 * Country rows give their ISO-2 in the {@code country} column and their classification
 * (north / south / other) in the {@code sector} column. Type labels and relationship types are
 * checked against {@link NodeType} / {@link RelType} before they reach Cypher or the store.
 */
final class NativeRows {

    record NodeRow(String id, NodeType type, Map<String, Object> props) {
    }

    /** {@code id} is {@code source.TYPE.target}: what makes a reload idempotent. */
    record RelRow(String source, String target, RelType type, String id, Map<String, Object> props) {
    }

    private NativeRows() {
    }

    static CSVParser parser(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    }

    static long countLines(Path file) throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (r.readLine() != null) n++;
        }
        return n;
    }

    /** First pass over the node file: ISO-2 → classification, for every node's {@code side}. */
    static Map<String, String> sides(Path nodesFile) throws IOException {
        Map<String, String> sides = new HashMap<>();
        try (CSVParser parser = parser(nodesFile)) {
            for (CSVRecord rec : parser) {
                if ("Country".equalsIgnoreCase(rec.get("type")) && !rec.get("sector").isBlank()) {
                    sides.put(rec.get("country").strip().toUpperCase(Locale.ROOT), rec.get("sector").strip());
                }
            }
        }
        return sides;
    }

    static NodeRow node(CSVRecord rec, Map<String, String> sides, String dataset) {
        String id = required(rec, "id");
        if (!Names.isSlug(id)) throw new IllegalArgumentException("Line " + rec.getRecordNumber() + ": id '" + id + "' is not a slug");
        NodeType type = NodeType.parse(required(rec, "type"))
                .orElseThrow(() -> new IllegalArgumentException("Line " + rec.getRecordNumber() + ": unknown node type '" + rec.get("type") + "'"));
        String name = required(rec, "name").strip();
        List<String> aliases = rec.get("aliases").isBlank() ? List.of()
                : Arrays.stream(rec.get("aliases").split(";")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", id);
        props.put("name", name);
        props.put("type", type.name());
        props.put("dataset", dataset);
        props.put("aliases", aliases);
        props.put("aliasText", Names.aliasText(name, aliases));
        props.put("normalisedName", Names.normalise(name));
        String iso2 = rec.get("country").strip().toUpperCase(Locale.ROOT);
        if (!iso2.isEmpty()) {
            props.put("country", iso2);
            String side = sides.get(iso2);
            if (side != null) props.put("side", side);
        }
        if (type == NodeType.Country) {
            props.put("iso2", iso2);
            if (!rec.get("sector").isBlank()) props.put("classification", rec.get("sector").strip());
        }
        provenance(rec, props);
        return new NodeRow(id, type, props);
    }

    static RelRow relationship(CSVRecord rec, String dataset) {
        RelType given = RelType.parse(required(rec, "type"))
                .orElseThrow(() -> new IllegalArgumentException("Line " + rec.getRecordNumber() + ": unknown relationship type '" + rec.get("type") + "'"));
        // Stored as the import and the dataset store it.
        RelType.Stored stored = given.store(required(rec, "source"), required(rec, "target"));
        String id = stored.id();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", id);
        props.put("dataset", dataset);
        props.put("inferred", false);
        for (String key : List.of("year", "start", "end", "tier")) {
            String v = rec.get(key).strip();
            if (!v.isEmpty()) props.put(key, Long.parseLong(v));
        }
        String share = rec.get("share").strip();
        if (!share.isEmpty()) props.put("share", Double.parseDouble(share));
        provenance(rec, props);
        return new RelRow(stored.source(), stored.target(), stored.type(), id, props);
    }

    private static void provenance(CSVRecord rec, Map<String, Object> props) {
        String document = rec.get("source_document").strip();
        if (!document.isEmpty()) props.put("document", document);
        String quote = rec.get("quote").strip();
        if (!quote.isEmpty()) {
            props.put("quotes", List.of(quote));
            props.put("quoteSections", List.of(""));
        }
    }

    private static String required(CSVRecord rec, String column) {
        String v = rec.get(column);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Line " + rec.getRecordNumber() + ": column '" + column + "' is empty");
        }
        return v;
    }
}

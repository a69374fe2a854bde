package org.filiere.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.filiere.exporting.CsvZipWriter;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks the native CSV format (docs/importing.md) — the whole of both files, collecting
 * every error rather than stopping at the first. Only {@link #validate} with a graph lookup says
 * whether relationship endpoints exist.
 */
final class CsvImport {

    static final int MAX_ERRORS = 500;
    private static final Set<String> NODE_REQUIRED = Set.of("id", "type");
    private static final Set<String> REL_REQUIRED = Set.of("source", "target", "type");

    record NodeRow(String file, int row, String id, String name, NodeType type, String country, String sector,
                   List<String> aliases, String document, String quote) {
    }

    record RelRow(String file, int row, String source, String target, RelType type, Long year, Long start, Long end,
                  Double share, Long tier, String document, String quote) {
        String id() {
            return source + "." + type.name() + "." + target;
        }
    }

    final List<NodeRow> nodes = new ArrayList<>();
    final List<RelRow> relationships = new ArrayList<>();
    final List<ImportError> errors = new ArrayList<>();
    int errorCount;

    void error(String file, Integer row, String column, String value, String message) {
        errorCount++;
        if (errors.size() < MAX_ERRORS) {
            errors.add(new ImportError(file, row, column, value == null ? null : abbreviate(value), message));
        }
    }

    void readNodes(String file, InputStream in) throws IOException {
        read(file, in, CsvZipWriter.NODE_COLUMNS, NODE_REQUIRED, (row, r) -> {
            String id = r.get("id");
            boolean ok = checkId(file, row, "id", id);
            NodeType type = null;
            String typeText = r.get("type");
            if (typeText.isEmpty()) {
                error(file, row, "type", typeText, "Missing node type. Allowed: " + Arrays.toString(NodeType.values()) + ".");
                ok = false;
            } else {
                type = NodeType.parse(typeText).orElse(null);
                if (type == null) {
                    error(file, row, "type", typeText, "Unknown node type. Allowed: " + Arrays.toString(NodeType.values()) + ".");
                    ok = false;
                }
            }
            String country = r.get("country");
            if (!country.isEmpty() && !country.matches("[A-Za-z]{2}")) {
                error(file, row, "country", country, "Country must be an ISO 3166-1 alpha-2 code such as MA or FR.");
                ok = false;
            }
            if (ok) {
                String name = r.get("name").isEmpty() ? id : r.get("name");
                nodes.add(new NodeRow(file, row, id, name, type, country.isEmpty() ? null : country.toUpperCase(),
                        blankToNull(r.get("sector")), split(r.get("aliases")), blankToNull(r.get("source_document")),
                        blankToNull(r.get("quote"))));
            }
        });
        Map<String, Integer> seen = new HashMap<>();
        for (NodeRow n : nodes) {
            Integer first = seen.putIfAbsent(n.id(), n.row());
            if (first != null) error(file, n.row(), "id", n.id(), "Duplicate id: already on row " + first + ".");
        }
    }

    void readRelationships(String file, InputStream in) throws IOException {
        read(file, in, CsvZipWriter.RELATIONSHIP_COLUMNS, REL_REQUIRED, (row, r) -> {
            boolean ok = checkId(file, row, "source", r.get("source"));
            ok &= checkId(file, row, "target", r.get("target"));
            RelType type = RelType.parse(r.get("type")).orElse(null);
            if (type == null) {
                error(file, row, "type", r.get("type"), (r.get("type").isEmpty() ? "Missing" : "Unknown")
                        + " relationship type. Allowed: " + Arrays.toString(RelType.values()) + ".");
                ok = false;
            }
            Long year = year(file, row, "year", r.get("year"));
            Long start = year(file, row, "start", r.get("start"));
            Long end = year(file, row, "end", r.get("end"));
            ok &= (r.get("year").isEmpty() || year != null) && (r.get("start").isEmpty() || start != null)
                    && (r.get("end").isEmpty() || end != null);
            if (start != null && end != null && end < start) {
                error(file, row, "end", r.get("end"), "End year is before start year " + start + ".");
                ok = false;
            }
            Double share = null;
            String shareText = r.get("share");
            if (!shareText.isEmpty()) {
                try {
                    share = Double.parseDouble(shareText);
                } catch (NumberFormatException e) {
                    share = Double.NaN;
                }
                if (share.isNaN() || share <= 0 || share > 1) {
                    error(file, row, "share", shareText, "Share must be a fraction in (0, 1]: 0.51 for 51 %.");
                    ok = false;
                }
            }
            Long tier = null;
            String tierText = r.get("tier");
            if (!tierText.isEmpty()) {
                try {
                    tier = Long.parseLong(tierText);
                } catch (NumberFormatException e) {
                    tier = -1L;
                }
                if (tier < 1 || tier > 100) {
                    error(file, row, "tier", tierText, "Tier must be a whole number from 1 (first line) to 100.");
                    ok = false;
                }
            }
            if (ok) {
                relationships.add(new RelRow(file, row, r.get("source"), r.get("target"), type, year, start, end, share, tier,
                        blankToNull(r.get("source_document")), blankToNull(r.get("quote"))));
            }
        });
        Map<String, Integer> seen = new HashMap<>();
        for (RelRow rel : relationships) {
            Integer first = seen.putIfAbsent(rel.id(), rel.row());
            if (first != null) error(file, rel.row(), "source", rel.id(), "Duplicate relationship: already on row " + first + ".");
        }
    }

    /** Relationship endpoints must be nodes of the upload or of the graph ({@code inGraph} answers for the rest). */
    void checkEndpoints(java.util.function.Function<Set<String>, Set<String>> inGraph) {
        Set<String> inFile = new java.util.HashSet<>();
        nodes.forEach(n -> inFile.add(n.id()));
        Set<String> wanted = new java.util.HashSet<>();
        for (RelRow r : relationships) {
            if (!inFile.contains(r.source())) wanted.add(r.source());
            if (!inFile.contains(r.target())) wanted.add(r.target());
        }
        Set<String> found = wanted.isEmpty() ? Set.of() : inGraph.apply(wanted);
        for (RelRow r : relationships) {
            if (!inFile.contains(r.source()) && !found.contains(r.source())) {
                error(r.file(), r.row(), "source", r.source(), "No entity with this id in the nodes file or in the graph.");
            }
            if (!inFile.contains(r.target()) && !found.contains(r.target())) {
                error(r.file(), r.row(), "target", r.target(), "No entity with this id in the nodes file or in the graph.");
            }
        }
    }

    private interface RowCheck {
        void check(int row, Map<String, String> values);
    }

    private void read(String file, InputStream in, List<String> known, Set<String> required, RowCheck check) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();
        try (Reader reader = withoutBom(in); CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            List<String> header = null;
            int row = 0;
            int errorsBefore = errorCount;
            for (CSVRecord record : parser) {
                row++;
                if (header == null) {
                    header = record.toList().stream().map(h -> h.strip().toLowerCase()).toList();
                    for (String h : header) {
                        if (!known.contains(h)) error(file, 1, h, h, "Unknown column. Allowed: " + known + ".");
                    }
                    for (String r : required) {
                        if (!header.contains(r)) error(file, 1, r, null, "Missing column '" + r + "'.");
                    }
                    if (errorCount > errorsBefore) return;
                    continue;
                }
                if (record.size() == 1 && record.get(0).isEmpty()) continue; // blank line
                if (record.size() != header.size()) {
                    error(file, row, null, null, "Row has " + record.size() + " columns, the header " + header.size() + ".");
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (String k : known) values.put(k, "");
                for (int i = 0; i < header.size(); i++) values.put(header.get(i), record.get(i).strip());
                check.check(row, values);
            }
            if (header == null) error(file, null, null, null, "The file is empty: it needs at least a header row.");
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            // The innermost message says what is wrong and where; the wrappers only add class names.
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            error(file, null, null, null, "Not a readable CSV file: " + root.getMessage());
        }
    }

    private boolean checkId(String file, int row, String column, String id) {
        if (id.isEmpty()) {
            error(file, row, column, id, "Missing id.");
            return false;
        }
        if (!Names.isSlug(id)) {
            error(file, row, column, id, "An id must be lowercase letters, digits and hyphens, at most 120 characters "
                    + "(e.g. 'royal-air-maroc').");
            return false;
        }
        return true;
    }

    private Long year(String file, int row, String column, String text) {
        if (text.isEmpty()) return null;
        try {
            long y = Long.parseLong(text);
            if (y >= 1800 && y <= 2200) return y;
        } catch (NumberFormatException e) {
            // reported below
        }
        error(file, row, column, text, "A year must be a whole number between 1800 and 2200.");
        return null;
    }

    private static Reader withoutBom(InputStream in) throws IOException {
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') reader.unread(first);
        return reader;
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(";")) {
            if (!part.isBlank()) out.add(part.strip());
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}

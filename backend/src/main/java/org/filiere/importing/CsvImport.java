package org.filiere.importing;

import org.filiere.exporting.CsvZipWriter;
import org.filiere.graph.Endpoints;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The native CSV format (docs/importing.md), read row by row: each valid row goes to a consumer,
 * each problem to {@link Errors}. The same reading serves validation (the whole upload, before
 * anything is written) and the write, so both see exactly the same rows and nothing is held whole.
 */
final class CsvImport {

    private static final Set<String> NODE_REQUIRED = Set.of("id", "type");
    private static final Set<String> REL_REQUIRED = Set.of("source", "target", "type");

    record NodeRow(String file, int row, String id, String name, NodeType type, String country, String sector,
                   List<String> aliases, String document, String quote) {
    }

    record RelRow(String file, int row, String source, String target, RelType type, Long year, Long start, Long end,
                  Double share, Long tier, String document, String quote, boolean inferred, String reason) {
        /** The id as stored: a customer row and the supply row of the same link are one (a duplicate). */
        String id() {
            return type.storedId(source, target);
        }
    }

    private final Errors errors;

    CsvImport(Errors errors) {
        this.errors = errors;
    }

    /** What validation keeps: ids (with their row and type) only, never rows. */
    static final class Checked {
        final Map<String, NodeSeen> nodeIds = new HashMap<>();
        final Set<String> externalIds = new java.util.HashSet<>();
        long nodeRows;
        long relRows;
    }

    record NodeSeen(int row, NodeType type) {
    }

    /**
     * Checks both files whole: every row, duplicate ids, endpoints against the nodes file and the
     * graph ({@code inGraph} answers which of the ids it is given exist, with their types), and
     * that each link's type can join its ends' types (graph/Endpoints, as curation and the write
     * check them), so that such a row is named in the upload's answer rather than failing the job.
     * An end in the nodes file is taken with the file's type. Returns the row counts.
     */
    static Checked validate(String nodesName, Path nodes, String relsName, Path rels,
                            java.util.function.Function<Set<String>, Map<String, NodeType>> inGraph, Errors errors) throws IOException {
        CsvImport csv = new CsvImport(errors);
        Checked c = new Checked();
        if (nodes != null) {
            csv.readNodes(nodesName, nodes, n -> {
                NodeSeen first = c.nodeIds.putIfAbsent(n.id(), new NodeSeen(n.row(), n.type()));
                if (first != null) errors.add(n.file(), n.row(), "id", n.id(), "Duplicate id: already on row " + first.row() + ".");
            });
            c.nodeRows = csv.rows;
        }
        if (rels != null) {
            Map<String, Integer> relIds = new HashMap<>();
            csv.readRelationships(relsName, rels, r -> {
                Integer first = relIds.putIfAbsent(r.id(), r.row());
                if (first != null) errors.add(r.file(), r.row(), "source", r.id(), "Duplicate relationship: already on row " + first + ".");
                NodeSeen source = c.nodeIds.get(r.source());
                NodeSeen target = c.nodeIds.get(r.target());
                if (source == null) c.externalIds.add(r.source());
                if (target == null) c.externalIds.add(r.target());
                if (source != null && target != null) checkEnds(errors, r, source.type(), target.type());
            });
            c.relRows = csv.rows;
            relIds.clear();
            if (!c.externalIds.isEmpty()) {
                Map<String, NodeType> found = inGraph.apply(c.externalIds);
                // Second pass for the rows with an end in the graph: name every missing end and check
                // the types. Its own error list: the first pass already reported the rows' other errors.
                new CsvImport(new Errors()).readRelationships(relsName, rels, r -> {
                    NodeSeen source = c.nodeIds.get(r.source());
                    NodeSeen target = c.nodeIds.get(r.target());
                    if (source != null && target != null) return;
                    boolean ends = true;
                    for (String column : List.of("source", "target")) {
                        String id = column.equals("source") ? r.source() : r.target();
                        if (c.nodeIds.containsKey(id) || found.containsKey(id)) continue;
                        errors.add(r.file(), r.row(), column, id, "No entity with this id in the nodes file or in the graph.");
                        ends = false;
                    }
                    if (ends) checkEnds(errors, r, source != null ? source.type() : found.get(r.source()),
                            target != null ? target.type() : found.get(r.target()));
                });
            }
        }
        return c;
    }

    /** A type unknown here (a stored type of an older version) is left to the write, which checks the graph's. */
    private static void checkEnds(Errors errors, RelRow r, NodeType source, NodeType target) {
        if (source == null || target == null) return;
        Endpoints.problem(source, r.type(), target).ifPresent(problem ->
                errors.add(r.file(), r.row(), "type", r.type().name(), r.source() + " → " + r.target() + ": " + problem));
    }

    private long rows;

    void readNodes(String file, Path path, Consumer<NodeRow> sink) throws IOException {
        rows = read(file, path, CsvZipWriter.NODE_COLUMNS, NODE_REQUIRED, (row, r) -> {
            String id = r.get("id");
            boolean ok = checkId(file, row, "id", id);
            NodeType type = null;
            String typeText = r.get("type");
            if (typeText.isEmpty()) {
                errors.add(file, row, "type", typeText, "Missing node type. Allowed: " + Arrays.toString(NodeType.values()) + ".");
                ok = false;
            } else {
                type = NodeType.parse(typeText).orElse(null);
                if (type == null) {
                    errors.add(file, row, "type", typeText, "Unknown node type. Allowed: " + Arrays.toString(NodeType.values()) + ".");
                    ok = false;
                }
            }
            ok &= withinLength(file, row, "name", r.get("name"), Names.MAX_LENGTH);
            for (String alias : split(r.get("aliases"))) ok &= withinLength(file, row, "aliases", alias, Names.MAX_LENGTH);
            ok &= withinLength(file, row, "quote", r.get("quote"), Names.MAX_QUOTE);
            String country = r.get("country");
            if (!country.isEmpty() && !country.matches("[A-Za-z]{2}")) {
                errors.add(file, row, "country", country, "Country must be an ISO 3166-1 alpha-2 code such as MA or FR.");
                ok = false;
            }
            if (ok) {
                String name = r.get("name").isEmpty() ? id : r.get("name");
                sink.accept(new NodeRow(file, row, id, name, type, country.isEmpty() ? null : country.toUpperCase(),
                        blankToNull(r.get("sector")), split(r.get("aliases")), blankToNull(r.get("source_document")),
                        blankToNull(r.get("quote"))));
            }
        });
    }

    void readRelationships(String file, Path path, Consumer<RelRow> sink) throws IOException {
        rows = read(file, path, CsvZipWriter.RELATIONSHIP_COLUMNS, REL_REQUIRED, (row, r) -> {
            boolean ok = checkId(file, row, "source", r.get("source"));
            ok &= checkId(file, row, "target", r.get("target"));
            RelType type = RelType.parse(r.get("type")).orElse(null);
            if (type == null) {
                errors.add(file, row, "type", r.get("type"), (r.get("type").isEmpty() ? "Missing" : "Unknown")
                        + " relationship type. Allowed: " + Arrays.toString(RelType.values()) + ".");
                ok = false;
            }
            Long year = Parse.year(errors, file, row, "year", r.get("year"));
            Long start = Parse.year(errors, file, row, "start", r.get("start"));
            Long end = Parse.year(errors, file, row, "end", r.get("end"));
            ok &= (r.get("year").isEmpty() || year != null) && (r.get("start").isEmpty() || start != null)
                    && (r.get("end").isEmpty() || end != null);
            if (start != null && end != null && end < start) {
                errors.add(file, row, "end", r.get("end"), "End year is before start year " + start + ".");
                ok = false;
            }
            Double share = null;
            if (!r.get("share").isEmpty()) {
                share = Parse.share(errors, file, row, "share", r.get("share"), false);
                ok &= share != null;
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
                    errors.add(file, row, "tier", tierText, "Tier must be a whole number from 1 (first line) to 100.");
                    ok = false;
                }
            }
            ok &= withinLength(file, row, "quote", r.get("quote"), Names.MAX_QUOTE);
            ok &= withinLength(file, row, "reason", r.get("reason"), Names.MAX_REASON);
            String inferredText = r.get("inferred").toLowerCase(java.util.Locale.ROOT);
            boolean inferred = inferredText.equals("true");
            if (!inferredText.isEmpty() && !inferred && !inferredText.equals("false")) {
                errors.add(file, row, "inferred", r.get("inferred"), "Must be true, false or empty (false).");
                ok = false;
            } else if (inferred && r.get("reason").isEmpty()) {
                errors.add(file, row, "reason", "", "An inferred link needs its reason: why the source implies it without stating it.");
                ok = false;
            }
            if (ok) {
                sink.accept(new RelRow(file, row, r.get("source"), r.get("target"), type, year, start, end, share, tier,
                        blankToNull(r.get("source_document")), blankToNull(r.get("quote")), inferred,
                        blankToNull(r.get("reason"))));
            }
        });
    }

    private interface RowCheck {
        void check(int row, Map<String, String> values);
    }

    private long read(String file, Path path, List<String> known, Set<String> required, RowCheck check) throws IOException {
        List<String> lowered = new ArrayList<>();
        return CsvFiles.read(file, path, ',', errors, header -> {
            int before = errors.count();
            header.forEach(h -> lowered.add(h.toLowerCase()));
            for (String h : lowered) {
                if (!known.contains(h)) errors.add(file, 1, h, h, "Unknown column. Allowed: " + known + ".");
            }
            for (String r : required) {
                if (!lowered.contains(r)) errors.add(file, 1, r, null, "Missing column '" + r + "'.");
            }
            return errors.count() == before;
        }, (row, header, record) -> {
            Map<String, String> values = new LinkedHashMap<>();
            for (String k : known) values.put(k, "");
            for (int i = 0; i < lowered.size(); i++) values.put(lowered.get(i), CsvZipWriter.uncell(record.get(i).strip()));
            check.check(row, values);
        });
    }

    /** Whether a text is at most {@code max} characters long; reports it when not. */
    private boolean withinLength(String file, int row, String column, String text, int max) {
        if (text.length() <= max) return true;
        errors.add(file, row, column, text.substring(0, 60) + "…", "At most " + max + " characters (got " + text.length() + ").");
        return false;
    }

    private boolean checkId(String file, int row, String column, String id) {
        if (id.isEmpty()) {
            errors.add(file, row, column, id, "Missing id.");
            return false;
        }
        if (!Names.isSlug(id)) {
            errors.add(file, row, column, id, "An id must be lowercase letters, digits and hyphens, at most 120 characters "
                    + "(e.g. 'royal-air-maroc').");
            return false;
        }
        return true;
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(";")) {
            if (!part.isBlank()) out.add(part.strip());
        }
        return out;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}

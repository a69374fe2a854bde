package org.filiere.importing;

import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A CSV file of any layout with a {@link Mapping}. Validation checks every row and the ids the
 * mapping names; the write resolves names to entities ({@link EntityResolver}) inside the import's
 * transaction, so that an earlier import's entities are matched, and merges rows that give the
 * same relationship (same source, type and target) into one: earliest start and year, latest
 * end, the first row's other values, and {@code rowCount}.
 */
final class MappedImport {

    private MappedImport() {
    }

    /** Reads the file row by row with the mapping; returns the number of data rows. */
    static long read(String file, Path path, Mapping mapping, Errors errors, Consumer<Mapping.Row> sink) throws IOException {
        Map<String, Integer> header = new HashMap<>();
        return CsvFiles.read(file, path, mapping.delimiter(), errors, columns -> {
            for (int i = 0; i < columns.size(); i++) header.putIfAbsent(columns.get(i), i);
            int before = errors.count();
            for (String c : mapping.columns()) {
                if (!header.containsKey(c)) errors.add(file, 1, c, null, "The mapping names column '" + c + "', which the file "
                        + "does not have. Its columns: " + columns + ".");
            }
            return errors.count() == before;
        }, (row, columns, record) -> {
            Mapping.Row r = mapping.row(file, row, header, record, errors);
            if (r != null) sink.accept(r);
        });
    }

    /** Whole-file check; entities given by id alone must exist. Returns the data row count. */
    static long validate(String file, Path path, Mapping mapping, java.util.function.Function<Set<String>, Set<String>> inGraph,
                         Errors errors) throws IOException {
        // id → where it was first given: a row and column of the file, or the mapping's constant.
        Map<String, ImportError> idOnly = new LinkedHashMap<>();
        long rows = read(file, path, mapping, errors, r -> {
            for (var pair : List.of(Map.entry(r.source(), mapping.source()), Map.entry(r.target(), mapping.target()))) {
                if (pair.getKey().id() != null && pair.getKey().name() == null) {
                    String column = pair.getValue().id().column();
                    String role = pair.getValue() == mapping.source() ? "source" : "target";
                    idOnly.putIfAbsent(pair.getKey().id(), column == null
                            ? new ImportError(Mapping.FILE, null, role + ".id", pair.getKey().id(), null)
                            : new ImportError(file, r.row(), column, pair.getKey().id(), null));
                }
            }
        });
        if (!idOnly.isEmpty()) {
            Set<String> found = inGraph.apply(idOnly.keySet());
            idOnly.forEach((id, where) -> {
                if (!found.contains(id)) {
                    errors.add(where.file(), where.row(), where.column(), id, "No entity with this id in the graph (give a name too to create it).");
                }
            });
        }
        return rows;
    }

    private static final class NewEntity {
        final String name;
        final NodeType type;
        final int row;
        final Set<String> spellings = new LinkedHashSet<>();
        String country;
        String sector;
        String document;

        NewEntity(String name, NodeType type, int row) {
            this.name = name;
            this.type = type;
            this.row = row;
        }
    }

    private static final class NewRel {
        final Mapping.Row first;
        final String source;
        final String target;
        Long year;
        Long start;
        Long end;
        int rows;

        NewRel(Mapping.Row first, String source, String target) {
            this.first = first;
            this.source = source;
            this.target = target;
        }
    }

    /** Resolves and writes the file (inside the job's transaction). */
    static void write(String file, Path path, Mapping mapping, long rowsTotal, double threshold, GraphWriter writer,
                      ImportJob job) throws IOException {
        EntityResolver resolver = EntityResolver.load(writer.client(), threshold);
        Map<String, NewEntity> entities = new LinkedHashMap<>();
        Set<String> matched = new LinkedHashSet<>();
        Map<String, NewRel> rels = new LinkedHashMap<>();
        List<EntityResolver.Flag> flags = new ArrayList<>();
        Map<String, Integer> flagRows = new HashMap<>();
        Errors errors = new Errors();
        read(file, path, mapping, errors, r -> {
            String source = resolve(r.source(), r, resolver, entities, matched, flags, flagRows);
            String target = resolve(r.target(), r, resolver, entities, matched, flags, flagRows);
            // Rows that give one stored link (a customer row and a supply row of the same pair) are combined.
            String id = r.type().storedId(source, target);
            NewRel rel = rels.computeIfAbsent(id, k -> new NewRel(r, source, target));
            rel.rows++;
            rel.year = min(rel.year, r.year());
            rel.start = min(rel.start, r.start());
            if (r.end() != null && (rel.end == null || r.end() > rel.end)) rel.end = r.end();
        });
        if (errors.any()) throw new IllegalStateException("The file changed after it was checked: " + errors.list().get(0).message());
        long writes = entities.size() + rels.size();
        writer.rowsPerWrite(writes == 0 ? 0 : (double) rowsTotal / writes);
        writer.file(file);
        List<GraphWriter.NodeWrite> batch = new ArrayList<>();
        for (var e : entities.entrySet()) {
            NewEntity n = e.getValue();
            List<String> aliases = n.spellings.stream().filter(s -> !s.equals(n.name)).toList();
            batch.add(new GraphWriter.NodeWrite(e.getKey(), n.type, EntityResolver.nodeProperties(e.getKey(), n.name, n.type,
                    aliases, n.country, n.sector, n.document, List.of(), n.row)));
            if (batch.size() == GraphWriter.BATCH) writer.nodes(batch);
        }
        writer.nodes(batch);
        job.nodesMatched.addAndGet(matched.size());
        for (var e : rels.entrySet()) {
            NewRel r = e.getValue();
            Mapping.Row f = r.first;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", e.getKey());
            if (r.year != null) p.put("year", r.year);
            if (r.start != null) p.put("start", r.start);
            if (r.end != null) p.put("end", r.end);
            if (f.share() != null) p.put("share", f.share());
            if (f.tier() != null) p.put("tier", f.tier());
            if (f.document() != null) p.put("document", f.document());
            p.put("quotes", f.quote() == null ? List.of() : List.of(f.quote()));
            p.put("inferred", false);
            p.putAll(f.properties());
            p.put("row", f.row());
            p.put("rowCount", r.rows);
            writer.relationship(new GraphWriter.RelWrite(r.source, r.target, f.type(), e.getKey(), f.row(), p));
        }
        writer.flush();
        writeFlags(flags, flagRows, writer);
    }

    static void writeFlags(List<EntityResolver.Flag> flags, Map<String, Integer> rows, GraphWriter writer) {
        List<GraphWriter.RelWrite> pairs = new ArrayList<>();
        for (EntityResolver.Flag f : flags) {
            int row = rows.getOrDefault(f.newId(), 0);
            pairs.add(new GraphWriter.RelWrite(f.newId(), f.otherId(), RelType.POSSIBLY_SAME_AS,
                    f.newId() + ".POSSIBLY_SAME_AS." + f.otherId(), row, EntityResolver.flagProperties(f, row)));
        }
        writer.possiblySame(pairs);
    }

    private static String resolve(Mapping.EntityRef ref, Mapping.Row r, EntityResolver resolver, Map<String, NewEntity> entities,
                                  Set<String> matched, List<EntityResolver.Flag> flags, Map<String, Integer> flagRows) {
        String id = null;
        // An id alone that is no entity passed the check as an id a curator merged away: the writer
        // links to its survivor, or refuses the batch if it was deleted since (GraphWriter).
        if (ref.id() != null && (resolver.exists(ref.id()) || ref.name() == null)) id = ref.id();
        if (id == null && ref.name() != null) id = resolver.find(ref.name(), ref.type());
        if (id == null) {
            int before = flags.size();
            id = resolver.create(ref.name(), ref.type(), ref.id(), true, flags);
            if (flags.size() > before) flagRows.put(id, r.row());
            NewEntity n = new NewEntity(ref.name(), ref.type(), r.row());
            n.document = r.document();
            entities.put(id, n);
        }
        NewEntity n = entities.get(id);
        if (n != null) {
            if (ref.name() != null) n.spellings.add(ref.name());
            if (n.country == null) n.country = ref.country();
            if (n.sector == null) n.sector = ref.sector();
        } else {
            matched.add(id);
        }
        return id;
    }

    private static Long min(Long a, Long b) {
        if (a == null) return b;
        if (b == null) return a;
        return b < a ? b : a;
    }
}

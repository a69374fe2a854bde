package org.filiere.importing;

import org.filiere.exporting.FtmWriter;
import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.RelType;
import tech.followthemoney.model.Model;
import tech.followthemoney.model.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * FollowTheMoney entities, one JSON object per line, as {@code ftm}, Aleph and OpenSanctions
 * write them. The schema hierarchy and each link schema's source and target properties come from
 * the FollowTheMoney Java library's bundled model ({@code tech.followthemoney:followthemoney}), so
 * subtypes (a {@code PublicBody} is a {@code LegalEntity}) and the direction of every link are the
 * model's, not re-described here. Mapping (docs/importing.md):
 *
 * <ul>
 * <li>{@code Person} → Person; {@code PublicBody} → Institution; every other {@code LegalEntity}
 *     ({@code Company}, {@code Organization}, …) → Company — or the Filière type named in
 *     {@code notes}, which our FtM export writes, so an export imports back as it was.</li>
 * <li>{@code Ownership} owner → asset: {@code OWNS_STAKE_IN} with percentage as {@code share}
 *     (or {@code SUBSIDIARY_OF} asset → owner / {@code ACQUIRED} when the role says so, as exported);
 *     {@code Directorship} → {@code DIRECTOR_OF}; {@code Membership} → {@code MEMBER_OF};
 *     {@code UnknownLink} → the type whose phrase its role is, else {@code LINKED_TO}.</li>
 * <li>Other schemata (addresses, sanctions, vessels, …) are skipped and counted.</li>
 * </ul>
 */
final class FtmImport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Model MODEL = loadModel();
    private static final Schema LEGAL_ENTITY = MODEL.getSchema("LegalEntity");
    private static final Set<String> LINKS = Set.of("Ownership", "Directorship", "UnknownLink", "Membership");

    private FtmImport() {
    }

    private static Model loadModel() {
        try {
            return Model.loadDefault();
        } catch (IOException e) {
            throw new UncheckedIOException("The FollowTheMoney model bundled with the library cannot be read", e);
        }
    }

    /** One entity line, checked. {@code link} entities have source and target FtM ids. */
    record Line(int row, String ftmId, String schema, boolean link, NodeType type, String name, List<String> aliases,
                String country, String sector, String document, List<String> quotes, RelType relType, String source, String target,
                Double share, Long start, Long end, String role, String inferredReason) {
    }

    /** A line's Filière id: the FtM id if it is already a slug (ours are), else its slug, else a hash of it. */
    static String toId(String ftmId) {
        if (Names.isSlug(ftmId)) return ftmId;
        String slug = Names.slug(ftmId);
        if (!slug.isEmpty() && Names.isSlug(slug)) return slug;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(ftmId.getBytes(StandardCharsets.UTF_8));
            return "ftm-" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    interface LineHandler {
        void line(Line line);
    }

    /** Streams the file; valid lines go to {@code handler}, skipped schemata to {@code skipped}. Returns the line count. */
    static long read(String file, Path path, Errors errors, LineHandler handler, java.util.function.IntConsumer skipped) throws IOException {
        long lines = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(path),
                StandardCharsets.UTF_8.newDecoder()), 1 << 16)) {
            int row = 0;
            for (String text; (text = in.readLine()) != null; ) {
                row++;
                if (row == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
                if (text.isBlank()) continue;
                lines++;
                Line line = parse(file, row, text, errors, skipped);
                if (line != null) handler.line(line);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            errors.add(file, null, null, null, "Not a UTF-8 text file.");
        }
        if (lines == 0) errors.add(file, null, null, null, "The file has no entities (one JSON object per line expected).");
        return lines;
    }

    private static Line parse(String file, int row, String text, Errors errors, java.util.function.IntConsumer skipped) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            errors.add(file, row, null, abbreviate(text), "Not a JSON object: " + e.getOriginalMessage());
            return null;
        }
        if (node == null || !node.isObject()) {
            errors.add(file, row, null, abbreviate(text), "Each line must be one JSON object (a FollowTheMoney entity).");
            return null;
        }
        String ftmId = node.path("id").isString() ? node.path("id").asString().strip() : "";
        if (ftmId.isEmpty()) {
            errors.add(file, row, "id", null, "Missing entity id.");
            return null;
        }
        String schemaName = node.path("schema").isString() ? node.path("schema").asString() : "";
        Schema schema = schemaName.isEmpty() ? null : MODEL.getSchema(schemaName);
        if (schema == null) {
            errors.add(file, row, "schema", schemaName, schemaName.isEmpty() ? "Missing schema."
                    : "Not a FollowTheMoney schema (model of followthemoney " + "3.8).");
            return null;
        }
        JsonNode props = node.path("properties");
        if (!props.isMissingNode() && !props.isObject()) {
            errors.add(file, row, "properties", null, "'properties' must be an object of lists of strings.");
            return null;
        }
        if (LINKS.contains(schema.getName())) return link(file, row, ftmId, schema, props, errors);
        if (!schema.isA(LEGAL_ENTITY)) {
            skipped.accept(row);
            return null;
        }
        List<String> names = values(props, "name");
        if (names.isEmpty() || Names.matchKey(names.get(0)).isEmpty()) {
            errors.add(file, row, "properties.name", names.isEmpty() ? null : names.get(0), "An entity needs a name with a letter or digit.");
            return null;
        }
        for (String name : names) {
            if (name.length() > Names.MAX_LENGTH) {
                errors.add(file, row, "properties.name", name.substring(0, 60) + "…",
                        "At most " + Names.MAX_LENGTH + " characters (got " + name.length() + ").");
                return null;
            }
        }
        for (String p : List.of("alias", "previousName", "weakAlias")) {
            if (!withinLength(file, row, props, p, Names.MAX_LENGTH, errors)) return null;
        }
        List<String> quotes = quotes(props, false);
        String quoted = values(props, "summary").isEmpty() ? "description" : "summary";
        if (!withinLength(file, row, props, quoted, Names.MAX_QUOTE, errors)) return null;
        NodeType type = null;
        for (String note : values(props, "notes")) {
            type = NodeType.parse(note).orElse(null);
            if (type != null) break;
        }
        if (type == null) {
            type = schema.getName().equals("Person") ? NodeType.Person
                    : schema.isA(MODEL.getSchema("PublicBody")) ? NodeType.Institution : NodeType.Company;
        }
        Set<String> aliases = new LinkedHashSet<>(names.subList(1, names.size()));
        for (String p : List.of("alias", "previousName", "weakAlias")) aliases.addAll(values(props, p));
        aliases.remove(names.get(0));
        String country = null;
        for (String p : List.of("country", "jurisdiction", "nationality", "citizenship", "mainCountry")) {
            for (String c : values(props, p)) {
                if (country == null && c.matches("[A-Za-z]{2}")) country = c.toUpperCase();
            }
        }
        return new Line(row, ftmId, schema.getName(), false, type, names.get(0), List.copyOf(aliases), country,
                first(props, "sector"), first(props, "publisher", "sourceUrl"), quotes,
                null, null, null, null, null, null, null, null);
    }

    private static Line link(String file, int row, String ftmId, Schema schema, JsonNode props, Errors errors) {
        var edge = schema.getEdge().orElseThrow();
        String sourceProp = edge.getSourceProperty().getName();
        String targetProp = edge.getTargetProperty().getName();
        String from = first(props, sourceProp);
        String to = first(props, targetProp);
        int before = errors.count();
        if (from == null) errors.add(file, row, "properties." + sourceProp, null, "A " + schema.getName() + " needs '" + sourceProp + "'.");
        if (to == null) errors.add(file, row, "properties." + targetProp, null, "A " + schema.getName() + " needs '" + targetProp + "'.");
        String role = first(props, "role");
        RelType type;
        String source = from;
        String target = to;
        switch (schema.getName()) {
            case "Ownership" -> {
                if (RelType.SUBSIDIARY_OF.phrase().equals(role)) {
                    type = RelType.SUBSIDIARY_OF;
                    source = to;
                    target = from;
                } else {
                    type = RelType.ACQUIRED.phrase().equals(role) ? RelType.ACQUIRED : RelType.OWNS_STAKE_IN;
                }
            }
            case "Directorship" -> type = RelType.DIRECTOR_OF;
            case "Membership" -> type = RelType.MEMBER_OF;
            default -> {
                type = RelType.LINKED_TO;
                for (RelType t : RelType.values()) {
                    if (t.phrase().equals(role)) type = t;
                }
            }
        }
        Double share = null;
        String percentage = first(props, "percentage");
        if (percentage != null) share = Parse.share(errors, file, row, "properties.percentage", percentage, true);
        Long start = Parse.dateYear(errors, file, row, "properties.startDate", first(props, "startDate", "date"));
        Long end = Parse.dateYear(errors, file, row, "properties.endDate", first(props, "endDate"));
        if (start != null && end != null && end < start) errors.add(file, row, "properties.endDate", String.valueOf(end), "End is before start " + start + ".");
        withinLength(file, row, props, "summary", Names.MAX_QUOTE, errors);
        if (errors.count() > before) return null;
        boolean rolePhrase = role != null && role.equals(type.phrase());
        String description = first(props, "description");
        String inferredReason = description != null && description.startsWith(FtmWriter.INFERRED) && description.length() > FtmWriter.INFERRED.length()
                ? description.substring(FtmWriter.INFERRED.length()) : null;
        return new Line(row, ftmId, schema.getName(), true, null, null, List.of(), null, null,
                first(props, "publisher", "sourceUrl"), quotes(props, inferredReason != null),
                type, source, target, share, start, end, rolePhrase ? null : role, inferredReason);
    }

    /** What validation keeps: FtM ids of the file's entities and skipped lines. */
    static final class Checked {
        final Map<String, Integer> entityRows = new HashMap<>();
        final Set<String> skippedIds = new HashSet<>();
        long lines;
        long skipped;
    }

    static Checked validate(String file, Path path, Function<Set<String>, Set<String>> inGraph, Errors errors) throws IOException {
        Checked c = new Checked();
        Map<String, String> idOwners = new HashMap<>();
        List<Line> links = new ArrayList<>();
        Set<Integer> skippedRows = new HashSet<>();
        c.lines = read(file, path, errors, line -> {
            Integer first = c.entityRows.putIfAbsent(line.ftmId(), line.row());
            if (first != null) {
                errors.add(file, line.row(), "id", line.ftmId(), "Duplicate entity id: already on line " + first + ".");
                return;
            }
            if (line.link()) {
                links.add(new Line(line.row(), line.ftmId(), line.schema(), true, null, null, List.of(), null, null, null, null,
                        line.relType(), line.source(), line.target(), null, null, null, null, null));
            } else {
                String owner = idOwners.putIfAbsent(toId(line.ftmId()), line.ftmId());
                if (owner != null) {
                    errors.add(file, line.row(), "id", line.ftmId(), "Gives the same Filière id '" + toId(line.ftmId())
                            + "' as entity '" + owner + "'.");
                }
            }
        }, skippedRows::add);
        c.skipped = skippedRows.size();
        // Skipped lines are not in entityRows; remember their ids so links to them are skipped too.
        if (!skippedRows.isEmpty()) collectSkippedIds(path, skippedRows, c.skippedIds);
        Set<String> external = new HashSet<>();
        for (Line l : links) {
            for (String end : List.of(l.source(), l.target())) {
                if (!c.entityRows.containsKey(end) && !c.skippedIds.contains(end)) external.add(toId(end));
            }
        }
        Set<String> found = external.isEmpty() ? Set.of() : inGraph.apply(external);
        for (Line l : links) {
            for (String end : List.of(l.source(), l.target())) {
                if (!c.entityRows.containsKey(end) && !c.skippedIds.contains(end) && !found.contains(toId(end))) {
                    errors.add(file, l.row(), end.equals(l.source()) ? "source" : "target", end,
                            "No entity with this id in the file or in the graph.");
                }
            }
        }
        return c;
    }

    private static void collectSkippedIds(Path path, Set<Integer> rows, Set<String> ids) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int row = 0;
            for (String text; (text = in.readLine()) != null; ) {
                row++;
                if (rows.contains(row)) {
                    JsonNode node = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
                    ids.add(node.path("id").asString().strip());
                }
            }
        }
    }

    /** Resolves and writes the file (inside the job's transaction). */
    static void write(String file, Path path, Checked checked, double threshold, GraphWriter writer, ImportJob job) throws IOException {
        EntityResolver resolver = EntityResolver.load(writer.client(), threshold);
        Map<String, String> ids = new HashMap<>();
        List<EntityResolver.Flag> flags = new ArrayList<>();
        Map<String, Integer> flagRows = new HashMap<>();
        Set<String> matched = new LinkedHashSet<>();
        List<GraphWriter.NodeWrite> nodes = new ArrayList<>();
        writer.file(file);
        writer.rowsPerWrite(1);
        Errors errors = new Errors();
        // Entities first (links need their ids), in file order.
        read(file, path, errors, line -> {
            if (line.link()) return;
            String id = toId(line.ftmId());
            if (resolver.exists(id) && !resolver.isNew(id)) {
                matched.add(id);
            } else {
                String found = resolver.find(line.name(), line.type());
                if (found != null && !resolver.isNew(found)) {
                    matched.add(found);
                    id = found;
                } else {
                    int before = flags.size();
                    id = resolver.create(line.name(), line.type(), id, false, flags);
                    if (flags.size() > before) flagRows.put(id, line.row());
                    Map<String, Object> p = EntityResolver.nodeProperties(id, line.name(), line.type(), line.aliases(),
                            line.country(), line.sector(), line.document(), line.quotes(),
                            line.row());
                    p.put("ftmId", line.ftmId());
                    p.put("ftmSchema", line.schema());
                    nodes.add(new GraphWriter.NodeWrite(id, line.type(), p));
                    if (nodes.size() == GraphWriter.BATCH) writer.nodes(nodes);
                }
            }
            ids.put(line.ftmId(), id);
        }, row -> { });
        writer.nodes(nodes);
        job.nodesMatched.addAndGet(matched.size());
        job.rowsDone.addAndGet(matched.size());
        Map<String, Integer> seen = new HashMap<>();
        read(file, path, errors, line -> {
            if (!line.link()) return;
            if (checked.skippedIds.contains(line.source()) || checked.skippedIds.contains(line.target())) {
                job.skipped.incrementAndGet();
                return;
            }
            String source = ids.getOrDefault(line.source(), toId(line.source()));
            String target = ids.getOrDefault(line.target(), toId(line.target()));
            String id = line.relType().storedId(source, target);
            if (seen.putIfAbsent(id, line.row()) != null) {
                // Two FtM links give one Filière relationship (same ends and type): the first is kept.
                job.rowsDone.incrementAndGet();
                job.relsMatched.incrementAndGet();
                return;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", id);
            if (line.start() != null) p.put("start", line.start());
            if (line.end() != null) p.put("end", line.end());
            if (line.share() != null) p.put("share", line.share());
            if (line.role() != null) p.put("role", line.role());
            if (line.document() != null) p.put("document", line.document());
            p.put("quotes", line.quotes());
            p.put("inferred", line.inferredReason() != null);
            if (line.inferredReason() != null) p.put("reason", line.inferredReason());
            p.put("ftmId", line.ftmId());
            p.put("ftmSchema", line.schema());
            p.put("row", line.row());
            writer.relationship(new GraphWriter.RelWrite(source, target, line.relType(), id, line.row(), p));
        }, row -> { });
        writer.flush();
        if (errors.any()) throw new IllegalStateException("The file changed after it was checked: " + errors.list().get(0).message());
        MappedImport.writeFlags(flags, flagRows, writer);
    }

    private static List<String> values(JsonNode props, String name) {
        List<String> out = new ArrayList<>();
        JsonNode v = props.path(name);
        if (v.isArray()) {
            for (JsonNode x : v) {
                if (x.isString() && !x.asString().isBlank()) out.add(x.asString().strip());
            }
        } else if (v.isString() && !v.asString().isBlank()) {
            out.add(v.asString().strip());
        }
        return out;
    }

    /**
     * The quotes of an entity or link: every {@code summary} (our export writes each quote as one),
     * else the {@code description}, unless that says why the link is inferred.
     */
    private static List<String> quotes(JsonNode props, boolean descriptionIsReason) {
        List<String> summaries = values(props, "summary");
        if (!summaries.isEmpty() || descriptionIsReason) return summaries;
        String description = first(props, "description");
        return description == null ? List.of() : List.of(description);
    }

    /** Whether every value of {@code name} fits in {@code max} characters (else an error naming the property). */
    private static boolean withinLength(String file, int row, JsonNode props, String name, int max, Errors errors) {
        for (String v : values(props, name)) {
            if (v.length() > max) {
                errors.add(file, row, "properties." + name, v.substring(0, 60) + "…", "At most " + max + " characters (got " + v.length() + ").");
                return false;
            }
        }
        return true;
    }

    private static String first(JsonNode props, String... names) {
        for (String n : names) {
            List<String> v = values(props, n);
            if (!v.isEmpty()) return v.get(0);
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}

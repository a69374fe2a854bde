package org.filiere.paths;

import org.filiere.graph.Elements;
import org.filiere.graph.Filters;
import org.filiere.graph.GraphView;
import org.filiere.graph.NodeType;
import org.filiere.graph.NotFoundException;
import org.filiere.graph.ReadQueries;
import org.filiere.graph.RelType;
import org.neo4j.driver.types.Path;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Up to k shortest paths between two entities, each explained in plain language with the quote
 * behind every step.
 *
 * <p>The paths are found one at a time with {@code shortestPath} (a breadth-first search from both
 * ends that stops at the first path), each next search excluding the relationships of the paths
 * already found: the answer is up to k relationship-disjoint routes, shortest first, each at most
 * {@code maxHops} long. Measured at 1M firms (docs/benchmarks/NOTES.md): {@code allShortestPaths}
 * enumerates every minimum-length path, which between two hubs with thousands of common partners
 * cost 10–20× one {@code shortestPath}; the {@code SHORTEST k} fill-up it needed for longer paths
 * searches from one end only and took seconds to tens of seconds through hubs. Intermediate nodes
 * are organisations unless {@code nodeTypes} says otherwise: countries, regions and sectors would
 * connect everything trivially.
 *
 * <p>Every predicate is written per node or per relationship ({@code all(n IN nodes(p) WHERE …)})
 * so that Neo4j checks it during the breadth-first search. A predicate over part of the path
 * (e.g. {@code nodes(p)[1..-1]}) can only be checked afterwards, and when no shortest path passes
 * it Neo4j falls back to an exhaustive search that is exponential in the hops.
 */
@Service
public class PathsService {

    /**
     * {@code quote}: where the link is written (a quote naming both ends when one does);
     * {@code dateQuote}: where the year the sentence gives is written, when the first does not say it.
     */
    public record Step(String source, String sourceName, String type, String target, String targetName,
                       String sentence, String quote, String section, String dateQuote, String dateSection, boolean inferred) {
    }

    public record Explained(int index, int hops, List<String> nodeIds, List<String> edgeIds, String explanation, List<Step> steps) {
    }

    private final ReadQueries reads;

    public PathsService(ReadQueries reads) {
        this.reads = reads;
    }

    /**
     * {@code maxDegree}: when not null, an intermediate entity with more links than this (of the
     * followed types) is not passed through. At a million firms most routes between two firms run
     * through a hub (a supplier of 20,000 firms), which says little about how the two are linked;
     * skipping hubs shows the specific routes and searches less of the graph (NOTES.md).
     */
    public GraphView paths(String from, String to, int maxHops, int k, Filters filters, Set<NodeType> through, Integer maxDegree) {
        Set<NodeType> intermediates = through != null ? through : defaultIntermediates();
        String shortest = shortestQuery(maxHops, filters, maxDegree != null);

        return reads.read(client -> {
            Map<String, Object> params = new HashMap<>(filters.parameters());
            params.put("from", from);
            params.put("to", to);
            params.put("through", intermediates.stream().map(Enum::name).toList());
            if (maxDegree != null) params.put("maxDegree", maxDegree);
            List<Path> paths = new ArrayList<>();
            List<String> used = new ArrayList<>();
            while (!from.equals(to) && paths.size() < k) {
                params.put("used", List.copyOf(used));
                var next = client.query(shortest).bindAll(params).fetchAs(Path.class)
                        .mappedBy((t, r) -> r.get("p").asPath()).one();
                if (next.isEmpty()) break;
                // Of equally short routes the search returns one as the store orders them: when it
                // holds a link no source states, a stated route of the same length comes first
                // ("Jet Alu Maroc and Cevital are parties to the joint venture" rather than an
                // inferred subsidiary link). Only then: graphs without inferred links pay nothing.
                if (filters.includeInferred() && hasInferred(next.get())) {
                    var stated = client.query(shortestQuery(next.get().length(), new Filters(filters.types(), filters.asOf(), false), maxDegree != null))
                            .bindAll(params).fetchAs(Path.class).mappedBy((t, r) -> r.get("p").asPath()).one();
                    if (stated.isPresent()) next = stated;
                }
                paths.add(next.get());
                next.get().relationships().forEach(r -> used.add(r.elementId()));
            }
            // A path proves both ends exist; only without one is it worth a round trip to ask.
            if (paths.isEmpty()) {
                for (String id : List.of(from, to)) {
                    if (client.query(EXISTS_QUERY).bind(id).to("id").fetchAs(Long.class).one().orElse(0L) == 0) {
                        throw new NotFoundException("No entity with id '" + id + "'.");
                    }
                }
            }
            return toView(paths, maxDegree);
        });
    }

    private static boolean hasInferred(Path path) {
        for (var r : path.relationships()) if (r.get("inferred").asBoolean(false)) return true;
        return false;
    }

    // The statements are public so that the benchmark's raw-Cypher baseline runs exactly what the API runs.

    public static final String EXISTS_QUERY = "MATCH (n:Entity {id: $id}) RETURN count(n)";

    /**
     * One shortest path avoiding the relationships in {@code $used} (element ids of the paths
     * already found); parameters {@code $from, $to, $through, $used} plus the filters'. Every
     * predicate is per node or per relationship, so it is checked during the search. With
     * {@code skipHubs}, intermediates must also have at most {@code $maxDegree} links of the
     * followed types, read from the store's degree counts during the search.
     */
    public static String shortestQuery(int maxHops, Filters filters, boolean skipHubs) {
        String intermediate = skipHubs
                ? "(n.type IN $through AND COUNT { (n)-[%s]-() } <= $maxDegree)".formatted(filters.typeExpression())
                : "n.type IN $through";
        return """
                MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
                MATCH p = shortestPath((a)-[%s*..%d]-(b))
                WHERE all(n IN nodes(p) WHERE n.id IN [$from, $to] OR %s)
                  AND all(r IN relationships(p) WHERE %s AND NOT elementId(r) IN $used)
                RETURN p
                """.formatted(filters.typeExpression(), maxHops, intermediate, filters.predicate("r"));
    }

    /** Organisations: the default intermediate node types (countries, regions and sectors would connect everything). */
    public static Set<NodeType> defaultIntermediates() {
        return java.util.Arrays.stream(NodeType.values()).filter(NodeType::isOrganisation).collect(Collectors.toSet());
    }

    private static GraphView toView(List<Path> paths, Integer maxDegree) {
        Map<String, GraphView.Element> nodes = new LinkedHashMap<>();
        Map<String, GraphView.Element> edges = new LinkedHashMap<>();
        List<Explained> explained = new ArrayList<>();
        int index = 0;
        for (Path p : paths) {
            List<String> nodeIds = new ArrayList<>();
            List<String> edgeIds = new ArrayList<>();
            List<Step> steps = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            p.nodes().forEach(n -> {
                GraphView.Element e = nodes.computeIfAbsent(n.get("id").asString(), k -> Elements.node(n));
                names.put(n.elementId(), (String) e.data().get("label"));
                nodeIds.add(e.id());
            });
            Map<String, String> slugs = new HashMap<>();
            Map<String, org.neo4j.driver.types.Node> byElementId = new HashMap<>();
            p.nodes().forEach(n -> {
                slugs.put(n.elementId(), n.get("id").asString());
                byElementId.put(n.elementId(), n);
            });
            for (var rel : p.relationships()) {
                String s = slugs.get(rel.startNodeElementId());
                String t = slugs.get(rel.endNodeElementId());
                GraphView.Element edge = edges.computeIfAbsent(rel.get("id").asString(rel.elementId()), k -> Elements.edge(rel, s, t));
                @SuppressWarnings("unchecked")
                List<Integer> onPaths = (List<Integer>) edge.data().computeIfAbsent("paths", k -> new ArrayList<Integer>());
                onPaths.add(index);
                edgeIds.add(edge.id());
                Evidence evidence = evidence(rel, byElementId.get(rel.startNodeElementId()), byElementId.get(rel.endNodeElementId()));
                steps.add(new Step(s, names.get(rel.startNodeElementId()), rel.type(), t, names.get(rel.endNodeElementId()),
                        sentence(names.get(rel.startNodeElementId()), rel, names.get(rel.endNodeElementId())),
                        quote(rel, evidence.naming()), section(rel, evidence.naming()),
                        quote(rel, evidence.dating()), section(rel, evidence.dating()),
                        rel.get("inferred").asBoolean(false)));
            }
            explained.add(new Explained(index, steps.size(), nodeIds, edgeIds, explain(steps, p), steps));
            index++;
        }
        GraphView view = GraphView.of(List.copyOf(nodes.values()), List.copyOf(edges.values()));
        return view.withMeta(maxDegree == null ? Map.of("paths", explained) : Map.of("paths", explained, "maxDegree", maxDegree));
    }

    /** Indexes of the quotes a step shows (-1: none): the one naming the link, and the one dating it if another. */
    record Evidence(int naming, int dating) {
    }

    /**
     * Which of a link's quotes a step shows. A step should show where what it says is written: first
     * the quote that names the most of its two ends (by name or alias) and words the link's kind
     * (bought, subsidiary, joint venture…: {@link #WORDING}), each counting alike; of equals, one that
     * also states the year the sentence gives, then the earliest; and, when that quote does not
     * state the year, the first that does. Cevital is a party to Jet Alu Algérie "in 2013": "a joint
     * venture, JET ALU ALGÉRIE, with the Algerian group CEVITAL" says the link, and "JET ALU MAROC
     * embarked on its internationalization in 2013" dates it, but names neither Cevital nor the
     * joint venture. Without the wording, "In 2013, CEVITAL reached a milestone…" (a name and the
     * year) came before "it bought two French industry flagships…: OXXO EVOLUTION" (a name), and a
     * sentence about another event stood as the evidence of the purchase.
     */
    static Evidence evidence(org.neo4j.driver.types.Relationship rel, org.neo4j.driver.types.Node source,
                             org.neo4j.driver.types.Node target) {
        var quotes = rel.get("quotes");
        if (quotes.isNull() || quotes.size() == 0) return new Evidence(-1, -1);
        var year = rel.get("year").isNull() ? rel.get("start") : rel.get("year");
        String stated = year.isNull() ? null : String.valueOf(year.asLong());
        List<String> sourceNames = names(source);
        List<String> targetNames = names(target);
        int best = 0;
        int bestScore = -1;
        int dating = -1;
        for (int i = 0; i < quotes.size(); i++) {
            String quote = quotes.get(i).asString();
            String words = " " + org.filiere.graph.Names.normalise(quote) + " ";
            boolean dates = stated != null && quote.contains(stated);
            Pattern wording = RelType.parse(rel.type()).map(WORDING::get).orElse(null);
            int score = 2 * ((mentions(words, sourceNames) ? 1 : 0) + (mentions(words, targetNames) ? 1 : 0)
                    + (wording != null && wording.matcher(words).find() ? 1 : 0)) + (dates ? 1 : 0);
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
            if (dates && dating < 0) dating = i;
        }
        return new Evidence(best, stated == null || quotes.get(best).asString().contains(stated) ? -1 : dating);
    }

    /**
     * Words that state a link of the type, as {@link org.filiere.graph.Names#normalise} words: a quote
     * with them says what the link is, not only who it joins. Checked over the IPEMED links with
     * several quotes, the links whose shown quote this changes then show the sentence that states them.
     */
    private static final Map<RelType, Pattern> WORDING = wording(Map.of(
            RelType.SUBSIDIARY_OF, "subsidiar\\w*|bought|buys?|acquir\\w*|acquisition|took over|takeover|owned by|belongs? to",
            RelType.ACQUIRED, "bought|buys?|buying|acquir\\w*|acquisition|purchas\\w*|took over|takeover|taken over|buyout",
            RelType.OWNS_STAKE_IN, "stakes?|shareholders?|shareholding|holds?|capital|equity|per ?cent",
            RelType.PARTY_TO, "joint ventures?|joint company|partnership|partner\\w*|creat\\w*",
            RelType.PARTNER_OF, "partner\\w*|agreements?|alliance|cooperat\\w*|collaborat\\w*|convention|contracts?",
            RelType.SUPPLIES, "suppl\\w*|provid\\w*|deliver\\w*|customers?|clients?|sells? to",
            RelType.INSTALLED_IN, "install\\w*|set up|sets up|established|opened|plants?|factor\\w*|subsidiar\\w*|sites?|relocat\\w*|built",
            RelType.SITE_OF, "plants?|factor\\w*|sites?|units?|centres?|centers?"));

    private static Map<RelType, Pattern> wording(Map<RelType, String> words) {
        Map<RelType, Pattern> out = new java.util.EnumMap<>(RelType.class);
        words.forEach((type, regex) -> out.put(type, Pattern.compile(" (?:" + regex + ") ")));
        out.put(RelType.CUSTOMER_OF, out.get(RelType.SUPPLIES));
        return out;
    }

    /** An entity's name and aliases as {@link org.filiere.graph.Names#normalise} words. */
    private static List<String> names(org.neo4j.driver.types.Node n) {
        List<String> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.get("name").isNull()) out.add(org.filiere.graph.Names.normalise(n.get("name").asString()));
        if (!n.get("aliases").isNull()) n.get("aliases").asList(v -> v.asString()).forEach(a -> out.add(org.filiere.graph.Names.normalise(a)));
        out.removeIf(String::isBlank);
        return out;
    }

    private static boolean mentions(String words, List<String> names) {
        return names.stream().anyMatch(name -> words.contains(" " + name + " "));
    }

    private static String quote(org.neo4j.driver.types.Relationship rel, int i) {
        return i < 0 ? null : rel.get("quotes").get(i).asString();
    }

    private static String section(org.neo4j.driver.types.Relationship rel, int i) {
        var sections = rel.get("quoteSections");
        return i < 0 || sections.isNull() || sections.size() <= i ? null : sections.get(i).asString();
    }

    static String sentence(String source, org.neo4j.driver.types.Relationship rel, String target) {
        RelType type = RelType.parse(rel.type()).orElse(null);
        StringBuilder s = new StringBuilder(source).append(' ')
                .append(type == null ? rel.type().toLowerCase().replace('_', ' ') : type.phrase()).append(' ').append(target);
        if (!rel.get("share").isNull()) {
            s.append(" (").append(Math.round(rel.get("share").asDouble() * 1000) / 10.0).append(" %)");
        }
        if (!rel.get("year").isNull()) {
            s.append(" in ").append(rel.get("year").asLong());
        } else if (!rel.get("start").isNull()) {
            s.append(" since ").append(rel.get("start").asLong());
        }
        if (rel.get("inferred").asBoolean(false)) {
            s.append(" (inferred)");
        }
        return s.toString();
    }

    /**
     * Joins the steps into one readable sentence, folding two parties of the same joint venture
     * into "A and B are parties to the joint venture C in 1999" when both links say the same (same
     * year, neither inferred); otherwise each keeps its own sentence. "In", not "created in": the
     * year of a party's link is not always the venture's creation (Jet Alu Algérie's is the year of
     * Jet Alu Maroc's move into Algeria, the report gives no other).
     */
    static String explain(List<Step> steps, Path path) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step a = steps.get(i);
            if (i + 1 < steps.size()) {
                Step b = steps.get(i + 1);
                var rel = path.relationships();
                String year = yearOf(rel, i);
                if (a.type().equals("PARTY_TO") && b.type().equals("PARTY_TO") && a.target().equals(b.target())
                        && !a.inferred() && !b.inferred() && Objects.equals(year, yearOf(rel, i + 1))) {
                    parts.add(a.sourceName() + " and " + b.sourceName() + " are parties to the joint venture "
                            + a.targetName() + (year == null ? "" : " in " + year));
                    i++;
                    continue;
                }
            }
            parts.add(a.sentence());
        }
        Set<String> unique = new LinkedHashSet<>(parts);
        return String.join("; ", unique) + ".";
    }

    private static String yearOf(Iterable<org.neo4j.driver.types.Relationship> rels, int index) {
        int i = 0;
        for (var r : rels) {
            if (i++ == index) return r.get("year").isNull() ? null : String.valueOf(r.get("year").asLong());
        }
        return null;
    }
}

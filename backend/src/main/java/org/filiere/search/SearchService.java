package org.filiere.search;

import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.ReadQueries;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Full-text search over names and aliases through the {@code entity_names} index (analyzer
 * {@code standard-folding}: case and accents folded). Each word is searched exactly and as a
 * prefix; when that finds fewer hits than asked for, the search is repeated with each word also
 * matched fuzzily, so "sofiproteol", "fagor brandt", "royal air maroc" and "bonmbardier" all land.
 * Fuzzy matching walks the index's whole term dictionary (edit distance 2 on long words): on a
 * million firms it doubled the search's time, to find typos where the text as typed had already
 * filled the page.
 */
@Service
public class SearchService {

    public record Hit(String id, String name, String type, String country, String matchedAlias, double score) {
    }

    /** Public so that the benchmark's raw-Cypher baseline runs exactly what the API runs. */
    public static final String QUERY = """
            CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $fetch})
            YIELD node, score
            WHERE $types = [] OR node.type IN $types
            RETURN node.id AS id, node.name AS name, node.type AS type, node.country AS country,
                   coalesce(node.aliases, []) AS aliases, score
            ORDER BY score DESC, size(node.name) ASC
            LIMIT $limit
            """;

    /**
     * The index's analyzer drops English stop words from names, so a query that required them
     * ("ministry of") could never match: they are dropped from queries too.
     */
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "for",
            "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
            "these", "they", "this", "to", "was", "will", "with");

    private final ReadQueries reads;

    public SearchService(ReadQueries reads) {
        this.reads = reads;
    }

    public List<Hit> search(String text, Set<NodeType> types, int limit) {
        String literal = luceneQuery(text, false);
        if (literal.isEmpty()) return List.of();
        String tolerant = luceneQuery(text, true);
        List<String> typeNames = types == null ? List.of() : types.stream().map(Enum::name).toList();
        String typed = text.strip();
        return reads.read(client -> {
            List<Hit> hits = run(client, literal, typeNames, limit, typed);
            return hits.size() >= limit || tolerant.equals(literal) ? hits : run(client, tolerant, typeNames, limit, typed);
        });
    }

    private static List<Hit> run(Neo4jClient client, String query, List<String> types, int limit, String typed) {
        return client.query(QUERY)
                .bindAll(parameters(query, types, limit))
                .fetchAs(Hit.class)
                .mappedBy((t, r) -> new Hit(r.get("id").asString(), r.get("name").asString(), r.get("type").asString(null),
                        r.get("country").asString(null),
                        matchedAlias(typed, r.get("name").asString(), r.get("aliases").asList(v -> v.asString())),
                        r.get("score").asDouble()))
                .all().stream().toList();
    }

    /** Parameters of {@link #QUERY}; public for the benchmark's raw-Cypher baseline. */
    public static Map<String, Object> parameters(String luceneQuery, List<String> types, int limit) {
        return Map.of("query", luceneQuery, "types", types, "limit", limit, "fetch", limit * 4);
    }

    /**
     * Builds a Lucene query from user text without letting its syntax through: words are reduced
     * to letters and digits, so {@code "') OR 1=1"} or {@code name:x~} are just words.
     * Per word: exact (boosted), prefix, and, when {@code fuzzy}, fuzzy for words long enough to
     * have typos.
     */
    public static String luceneQuery(String text, boolean fuzzy) {
        if (text == null) return "";
        String[] words = Names.normalise(text).split(" ");
        List<String> clauses = new ArrayList<>();
        for (String w : words) {
            if (w.isEmpty() || STOP_WORDS.contains(w)) continue;
            if (clauses.size() == 8) break;
            String clause = w + "^3 OR " + w + "*" + (fuzzy && w.length() >= 4 ? " OR " + w + "~" + (w.length() >= 7 ? "2" : "1") : "");
            clauses.add("(" + clause + ")");
        }
        return String.join(" AND ", clauses);
    }

    /**
     * The alias closest to what was typed, when it is closer than the name itself: an alias typed
     * exactly as printed ("RENAuLt tANgER"), else the one sharing most of the typed words.
     */
    static String matchedAlias(String typed, String name, Collection<String> aliases) {
        if (!typed.equals(name)) {
            for (String alias : aliases) {
                if (alias.equals(typed)) return alias;
            }
        }
        String normalisedQuery = Names.normalise(typed);
        String best = null;
        int bestScore = overlap(normalisedQuery, Names.normalise(name));
        for (String alias : aliases) {
            int score = overlap(normalisedQuery, Names.normalise(alias));
            if (score > bestScore) {
                best = alias;
                bestScore = score;
            }
        }
        return best;
    }

    private static int overlap(String query, String candidate) {
        if (candidate.equals(query)) return 1000;
        if (candidate.contains(query)) return 500 - candidate.length();
        int score = 0;
        for (String w : query.split(" ")) {
            if (!w.isEmpty() && candidate.contains(w)) score += w.length();
        }
        return score;
    }
}

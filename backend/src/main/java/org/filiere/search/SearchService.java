package org.filiere.search;

import org.filiere.graph.Names;
import org.filiere.graph.NodeType;
import org.filiere.graph.ReadQueries;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

    /**
     * The words as typed or as prefixes ({@code $literal}) first; only when those find fewer than
     * {@code $limit} hits, the same with fuzzy terms ({@code $tolerant}, null when no word is long
     * enough to be fuzzy). One statement, so the fallback costs no extra round trip. Public so
     * that the benchmark's raw-Cypher baseline runs exactly what the API runs.
     */
    public static final String QUERY = """
            CALL db.index.fulltext.queryNodes('entity_names', $literal, {limit: $fetch})
            YIELD node, score
            WHERE $types = [] OR node.type IN $types
            WITH collect({node: node, score: score}) AS literal
            CALL (literal) {
              WITH literal WHERE size(literal) >= $limit OR $tolerant IS NULL
              UNWIND literal AS hit
              RETURN hit.node AS node, hit.score AS score
              UNION ALL
              WITH literal WHERE size(literal) < $limit AND $tolerant IS NOT NULL
              CALL db.index.fulltext.queryNodes('entity_names', $tolerant, {limit: $fetch})
              YIELD node, score
              WHERE $types = [] OR node.type IN $types
              RETURN node, score
            }
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
        if (luceneQuery(text, false).isEmpty()) return List.of();
        List<String> typeNames = types == null ? List.of() : types.stream().map(Enum::name).toList();
        String typed = text.strip();
        return reads.read(client -> client.query(QUERY)
                .bindAll(parameters(text, typeNames, limit))
                .fetchAs(Hit.class)
                .mappedBy((t, r) -> new Hit(r.get("id").asString(), r.get("name").asString(), r.get("type").asString(null),
                        r.get("country").asString(null),
                        matchedAlias(typed, r.get("name").asString(), r.get("aliases").asList(v -> v.asString())),
                        r.get("score").asDouble()))
                .all()).stream().toList();
    }

    /** Parameters of {@link #QUERY} for what the user typed; public for the benchmark's raw-Cypher baseline. */
    public static Map<String, Object> parameters(String text, List<String> types, int limit) {
        String literal = luceneQuery(text, false);
        String tolerant = luceneQuery(text, true);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("literal", literal);
        parameters.put("tolerant", tolerant.equals(literal) ? null : tolerant);
        parameters.put("types", types);
        parameters.put("limit", limit);
        parameters.put("fetch", limit * 4);
        return parameters;
    }

    /**
     * Builds a Lucene query from user text without letting its syntax through: words are reduced
     * to letters and digits, so {@code "') OR 1=1"} or {@code name:x~} are just words.
     * Per word: exact (boosted), prefix, and, when {@code tolerant}, fuzzy for words long enough to
     * have typos. The words as typed must all match; the tolerant query (used when those fill less
     * than the page) asks for any of them, so that a word the names lack ("renault tangier plant")
     * does not hide the entity the others name: entities matching more words score higher.
     */
    public static String luceneQuery(String text, boolean tolerant) {
        if (text == null) return "";
        String[] words = Names.normalise(text).split(" ");
        List<String> clauses = new ArrayList<>();
        for (String w : words) {
            if (w.isEmpty() || STOP_WORDS.contains(w)) continue;
            if (clauses.size() == 8) break;
            String clause = w + "^3 OR " + w + "*" + (tolerant && w.length() >= 4 ? " OR " + w + "~" + (w.length() >= 7 ? "2" : "1") : "");
            clauses.add("(" + clause + ")");
        }
        return String.join(tolerant ? " OR " : " AND ", clauses);
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

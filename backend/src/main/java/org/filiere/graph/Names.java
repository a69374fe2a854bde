package org.filiere.graph;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Name normalisation shared by the dataset loader, imports and duplicate detection. */
public final class Names {

    /**
     * The longest name or alias an entity can have (curation, every import format): names are
     * indexed, and Neo4j refuses to index a value of more than about 8 KB, which a name of a few
     * thousand characters can reach; past this length a "name" is a paragraph pasted by mistake.
     */
    public static final int MAX_LENGTH = 300;

    /** The longest quote (curation, imports). */
    public static final int MAX_QUOTE = 2000;

    /** The longest reason given for an inferred link (curation, imports). */
    public static final int MAX_REASON = 1000;

    private Names() {
    }

    /** "Sofiprotéol " → "sofiproteol", "FAGOR-BRANDT" → "fagor brandt". */
    public static String normalise(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static final Pattern JOINED_WORD =
            Pattern.compile("[\\p{L}\\p{N}]+(?:[-.'’&/][\\p{L}\\p{N}]+)+");

    /**
     * What the full-text index reads besides the name: the aliases, then each word written with
     * inner punctuation ("West-Ward", "S.N.V.I", "Renault's") also run together ("westward",
     * "snvi", "renaults"). The index splits such words at the punctuation, so without the joined
     * form someone typing "westward" found nothing.
     */
    public static String aliasText(String name, Collection<String> aliases) {
        List<String> parts = new ArrayList<>(aliases);
        Set<String> joined = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        if (name != null) all.add(name);
        all.addAll(aliases);
        for (String text : all) {
            var m = JOINED_WORD.matcher(text);
            while (m.find()) joined.add(normalise(m.group()).replace(" ", ""));
        }
        if (!joined.isEmpty()) parts.add(String.join(" ", joined));
        return String.join(" | ", parts);
    }

    /** "Royal Air Maroc" → "royal-air-maroc": the readable, stable id used in URLs. */
    public static String slug(String name) {
        return normalise(name).replace(' ', '-');
    }

    public static boolean isSlug(String id) {
        return id != null && id.matches("[a-z0-9]+(-[a-z0-9]+)*") && id.length() <= 120;
    }

    /**
     * Legal forms that say nothing about which firm is meant: "Acme SA", "ACME S.A." and "Acme SARL"
     * are one name for matching. Only trailing ones are dropped ("SA Holding" keeps its "SA").
     */
    private static final Set<String> LEGAL_FORMS = Set.of("sa", "sarl", "sas", "sasu", "eurl", "snc", "sau", "sal", "sl",
            "srl", "spa", "sae", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "plc", "llc", "lp",
            "gmbh", "ag", "kg", "bv", "nv", "oy", "ab", "as", "asa", "sprl", "scs", "cie");

    /**
     * The key two names are matched on: {@link #normalise} with runs of single letters joined
     * ("s a r l" → "sarl") and trailing legal forms dropped, so "Sofiprotéol S.A." and "SOFIPROTEOL"
     * share the key "sofiproteol". Never empty for a name that has a letter or digit.
     */
    public static String matchKey(String name) {
        List<String> tokens = new ArrayList<>();
        StringBuilder letters = new StringBuilder();
        for (String t : normalise(name).split(" ")) {
            if (t.isEmpty()) continue;
            if (t.length() == 1 && Character.isLetter(t.charAt(0))) {
                letters.append(t);
                continue;
            }
            if (letters.length() > 0) {
                tokens.add(letters.toString());
                letters.setLength(0);
            }
            tokens.add(t);
        }
        if (letters.length() > 0) tokens.add(letters.toString());
        int end = tokens.size();
        while (end > 1 && LEGAL_FORMS.contains(tokens.get(end - 1))) end--;
        return String.join(" ", tokens.subList(0, end));
    }

    /**
     * Similarity of two match keys in [0, 1]: one minus the edit distance over the longer length,
     * also tried with the words sorted ("maroc acme" against "acme maroc"). Returns 0 below
     * {@code floor} without finishing the computation.
     */
    public static double similarity(String a, String b, double floor) {
        if (a.equals(b)) return 1;
        int longest = Math.max(a.length(), b.length());
        if (longest == 0) return 0;
        int allowed = (int) Math.floor((1 - floor) * longest);
        if (Math.abs(a.length() - b.length()) > allowed) return 0;
        LevenshteinDistance distance = new LevenshteinDistance(allowed);
        int d = distance.apply(a, b);
        if (d < 0) d = distance.apply(sortedWords(a), sortedWords(b));
        return d < 0 ? 0 : 1 - (double) d / longest;
    }

    private static String sortedWords(String key) {
        String[] words = key.split(" ");
        Arrays.sort(words);
        return String.join(" ", words);
    }
}

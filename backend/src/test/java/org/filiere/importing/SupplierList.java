package org.filiere.importing;

import org.filiere.graph.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A buyer's supplier list as analysts bring it: one row per delivery year, thousands of rows, the
 * same firm spelt several ways (case, accents, "SA", "S.A.", "SARL"). Deterministic for a seed.
 *
 * <p>Suppliers come in three groups, each with a known outcome: {@code fresh} firms the graph does
 * not know (created), {@code known} firms already in the graph under their plain name (matched),
 * and {@code typos}: firms whose name is one letter away from a known one (created, and flagged
 * as possibly the same). Generated names are kept dissimilar from each other, so no other pair
 * comes close.
 */
final class SupplierList {

    private static final String[] SYLLABLES = {"ka", "zu", "mo", "ri", "ta", "vel", "qo", "nir", "sa", "bé", "lu", "dor",
            "fé", "gan", "wi", "xo", "pra", "tul", "yé", "hem"};
    private static final String[] SUFFIXES = {"", " SA", " S.A.", " SARL", " s.a.r.l."};

    final List<String> fresh = new ArrayList<>();
    final List<String> known = new ArrayList<>();
    final List<String> typos = new ArrayList<>();
    final List<String[]> rows = new ArrayList<>(); // supplier spelling, country, date, amount
    /** For each supplier (canonical name): first and last year of its rows. */
    final java.util.Map<String, int[]> years = new java.util.LinkedHashMap<>();

    SupplierList(long seed, int freshCount, int knownCount, int typoCount) {
        Random random = new Random(seed);
        List<String> taken = new ArrayList<>();
        while (fresh.size() + known.size() < freshCount + knownCount) {
            String name = capital(word(random, 3)) + " " + capital(word(random, 2)) + " " + (100 + random.nextInt(900));
            String key = Names.matchKey(name);
            // Keep every generated name far from the others, and far enough that one-letter typos stay unique.
            if (taken.stream().anyMatch(k -> Names.similarity(k, key, 0.6) >= 0.6)) continue;
            taken.add(key);
            (known.size() < knownCount ? known : fresh).add(name);
        }
        for (int i = 0; i < typoCount; i++) {
            String base = known.get(i);
            int at = base.indexOf(' ') - 1; // last letter of the first word
            char replacement = base.charAt(at) == 'x' ? 'y' : 'x';
            typos.add(base.substring(0, at) + replacement + base.substring(at + 1));
        }
        List<String> all = new ArrayList<>();
        all.addAll(fresh);
        all.addAll(known);
        all.addAll(typos);
        for (String supplier : all) {
            int n = 2 + random.nextInt(3);
            int first = 2015 + random.nextInt(5);
            int[] span = {first, first};
            String country = random.nextBoolean() ? "MA" : "fr";
            for (int i = 0; i < n; i++) {
                int year = first + i;
                span[1] = year;
                String date = random.nextBoolean() ? String.format(Locale.ROOT, "%02d/%02d/%d", 1 + random.nextInt(28), 1 + random.nextInt(12), year)
                        : String.format(Locale.ROOT, "%d-%02d-%02d", year, 1 + random.nextInt(12), 1 + random.nextInt(28));
                rows.add(new String[]{variant(random, supplier, i), country, date, String.valueOf(1000 + random.nextInt(90000))});
            }
            years.put(supplier, span);
        }
        java.util.Collections.shuffle(rows, random);
    }

    /** The file: ';'-separated, French headers, as exported from a spreadsheet. */
    String csv() {
        StringBuilder out = new StringBuilder("Fournisseur;Pays;Date de livraison;Montant (EUR)\n");
        for (String[] r : rows) out.append(String.join(";", r)).append('\n');
        return out.toString();
    }

    /** The first spelling is the name as generated; later rows vary case, accents and legal form. */
    private static String variant(Random random, String name, int i) {
        if (i == 0) return name;
        String v = switch (random.nextInt(3)) {
            case 0 -> name.toUpperCase(Locale.ROOT);
            case 1 -> java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            default -> name.toLowerCase(Locale.ROOT);
        };
        return v + SUFFIXES[1 + random.nextInt(SUFFIXES.length - 1)];
    }

    private static String word(Random random, int syllables) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < syllables; i++) w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        return w.toString();
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

package org.filiere.synthetic;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic value chain in the native import CSV format ({@code nodes.csv},
 * {@code relationships.csv}), written as a stream: memory does not grow with the size.
 *
 * <p>Every firm's attributes (tier, country, sector, name) are a pure function of (seed, firm
 * number), so edges can point at any firm without keeping the firms in memory; edges are written
 * per source firm in id order. Shape:
 * <ul>
 *   <li>OEMs (1 %) and tier-1…tier-5 suppliers (5, 12, 22, 28, 32 %); each supplier {@code SUPPLIES}
 *   customers in the tier below it. Out-degree = 1–3 plus a Zipf term {@code D / rank} within the
 *   tier ({@code D} = 2 % of the firms, so a few suppliers have 20,000 customers at L); customers
 *   are drawn with a bias towards low ranks, so in-degree is heavy-tailed too.</li>
 *   <li>Countries and sectors drawn from Zipf weights, so the biggest countries are hubs.</li>
 *   <li>Corporate groups: 2 % of firms head a group; 9 % of firms are {@code SUBSIDIARY_OF} a
 *   lower-numbered head or subsidiary (chains, across countries).</li>
 *   <li>{@code INSTALLED_IN} (home country 75 %, else abroad, plus a second site for 10 %),
 *   {@code ORIGINATES_FROM} for firms installed abroad, {@code IN_SECTOR} for all,
 *   {@code PARTNER_OF} (5 %, stored once from the lower id), {@code ACQUIRED} (2 %, with a year),
 *   joint ventures (one per 200 firms, 2–3 parties {@code PARTY_TO} with year and share).</li>
 * </ul>
 */
public final class SyntheticGenerator {

    public static final List<String> NODE_HEADER = List.of("id", "name", "type", "country", "sector", "aliases", "source_document", "quote");
    public static final List<String> REL_HEADER = List.of("source", "target", "type", "year", "start", "end", "share", "tier", "source_document", "quote");

    public enum Size {
        S(10_000), M(100_000), L(1_000_000);
        public final int firms;
        Size(int firms) { this.firms = firms; }
    }

    /** ISO-2, name, classification (north / south = southern and eastern Mediterranean / other). */
    static final String[][] COUNTRIES = {
            {"FR", "France", "north"}, {"DE", "Germany", "north"}, {"CN", "China", "other"}, {"US", "United States", "north"},
            {"IT", "Italy", "north"}, {"MA", "Morocco", "south"}, {"ES", "Spain", "north"}, {"TR", "Turkey", "south"},
            {"TN", "Tunisia", "south"}, {"JP", "Japan", "north"}, {"IN", "India", "other"}, {"EG", "Egypt", "south"},
            {"GB", "United Kingdom", "north"}, {"DZ", "Algeria", "south"}, {"KR", "South Korea", "north"}, {"BR", "Brazil", "other"},
            {"PL", "Poland", "north"}, {"MX", "Mexico", "other"}, {"NL", "Netherlands", "north"}, {"BE", "Belgium", "north"},
            {"PT", "Portugal", "north"}, {"CZ", "Czechia", "north"}, {"RO", "Romania", "north"}, {"JO", "Jordan", "south"},
            {"LB", "Lebanon", "south"}, {"IL", "Israel", "south"}, {"SE", "Sweden", "north"}, {"AT", "Austria", "north"},
            {"CH", "Switzerland", "north"}, {"HU", "Hungary", "north"}, {"SK", "Slovakia", "north"}, {"GR", "Greece", "north"},
            {"VN", "Viet Nam", "other"}, {"TH", "Thailand", "other"}, {"ID", "Indonesia", "other"}, {"MY", "Malaysia", "other"},
            {"ZA", "South Africa", "other"}, {"NG", "Nigeria", "other"}, {"SN", "Senegal", "other"}, {"CI", "Côte d'Ivoire", "other"},
            {"LY", "Libya", "south"}, {"SY", "Syria", "south"}, {"PS", "Palestine", "south"}, {"MR", "Mauritania", "south"},
            {"CA", "Canada", "north"}, {"AU", "Australia", "north"}, {"DK", "Denmark", "north"}, {"FI", "Finland", "north"},
            {"NO", "Norway", "north"}, {"IE", "Ireland", "north"}, {"SI", "Slovenia", "north"}, {"HR", "Croatia", "north"},
            {"BG", "Bulgaria", "north"}, {"RS", "Serbia", "other"}, {"AE", "United Arab Emirates", "other"}, {"SA", "Saudi Arabia", "other"},
            {"AR", "Argentina", "other"}, {"CL", "Chile", "other"}, {"TW", "Taiwan", "other"}, {"SG", "Singapore", "other"},
    };

    static final String[] SECTORS = {
            "Automotive", "Electronics", "Aeronautics", "Agri-food", "Textiles", "Chemicals", "Pharmaceuticals", "ICT",
            "Machinery", "Steel", "Aluminium", "Plastics", "Energy", "Renewables", "Logistics", "Rail", "Shipbuilding",
            "Construction materials", "Packaging", "Medical devices", "Cosmetics", "Paper", "Glass", "Rubber", "Semiconductors",
    };

    /** Share of firms per tier: OEMs, tier 1 … tier 5. */
    static final double[] TIER_SHARES = {0.01, 0.05, 0.12, 0.22, 0.28, 0.32};

    private static final String[] SYLLABLES = {"ka", "lo", "ve", "mar", "ti", "no", "ra", "sel", "do", "vi", "an", "tor",
            "mi", "ko", "ba", "ren", "su", "la", "gor", "fi", "ze", "pa", "qui", "nor", "bel", "ta", "ro", "sa", "xe", "lu"};
    private static final String[] FORMS = {"SA", "SARL", "GmbH", "SpA", "Ltd", "Inc", "AG", "SAS", "SL", "Group"};
    private static final String[] WORDS = {"Industries", "Systems", "Components", "Technologies", "Works", "Manufacturing",
            "Solutions", "Precision", "Holding", "Partners"};

    private final int firms;
    private final long seed;
    private final int[] tierStart = new int[TIER_SHARES.length + 1];
    private final double[] countryCdf = zipfCdf(COUNTRIES.length, 1.0);
    private final double[] sectorCdf = zipfCdf(SECTORS.length, 0.9);
    private final int jointVentures;
    private final String document;

    public SyntheticGenerator(int firms, long seed) {
        if (firms < 100) throw new IllegalArgumentException("At least 100 firms");
        this.firms = firms;
        this.seed = seed;
        double cumulative = 0;
        for (int t = 0; t < TIER_SHARES.length; t++) {
            tierStart[t] = (int) Math.round(cumulative * firms);
            cumulative += TIER_SHARES[t];
        }
        tierStart[TIER_SHARES.length] = firms;
        this.jointVentures = Math.max(1, firms / 200);
        this.document = "synthetic-" + firms + "-seed-" + seed;
    }

    public record Counts(long nodes, long relationships) {
    }

    // ---- pure per-firm attributes ---------------------------------------------------------------

    public static String firmId(int i) {
        return String.format(Locale.ROOT, "firm-%06d", i);
    }

    static String jvId(int j) {
        return String.format(Locale.ROOT, "jv-%05d", j);
    }

    static String countryId(int c) {
        return "country-" + COUNTRIES[c][0].toLowerCase(Locale.ROOT);
    }

    static String sectorId(int s) {
        return "sector-" + SECTORS[s].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** 0 = OEM, 1…5 = supplier tier. */
    public int tierOf(int firm) {
        for (int t = TIER_SHARES.length - 1; t >= 0; t--) {
            if (firm >= tierStart[t]) return t;
        }
        return 0;
    }

    public int tierStart(int tier) {
        return tierStart[tier];
    }

    public int tierSize(int tier) {
        return tierStart[tier + 1] - tierStart[tier];
    }

    private SplittableRandom attributes(int firm) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + firm));
    }

    int homeCountry(int firm) {
        return draw(countryCdf, attributes(firm).nextDouble());
    }

    int sector(int firm) {
        SplittableRandom r = attributes(firm);
        r.nextDouble();
        return draw(sectorCdf, r.nextDouble());
    }

    boolean isGroupHead(int firm) {
        return mix(seed ^ 0x5DEECE66DL ^ firm) % 50 == 0;
    }

    String firmName(int firm) {
        SplittableRandom r = attributes(firm);
        r.nextDouble();
        r.nextDouble();
        StringBuilder stem = new StringBuilder();
        int syllables = 2 + r.nextInt(2);
        for (int k = 0; k < syllables; k++) stem.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        stem.setCharAt(0, Character.toUpperCase(stem.charAt(0)));
        // The number keeps names distinct, as real registries do with homonyms.
        return stem + " " + WORDS[r.nextInt(WORDS.length)] + " " + FORMS[r.nextInt(FORMS.length)] + " " + firm;
    }

    /** Customers a supplier at this position gets: 1–3 plus a Zipf term by rank within its tier. */
    int supplyDegree(int firm, SplittableRandom r) {
        int tier = tierOf(firm);
        if (tier == 0) return 0;
        int rank = firm - tierStart[tier];
        int zipf = (int) (Math.max(10, firms / 50) / (double) (rank + 1));
        int d = 1 + r.nextInt(3) + (zipf >= 2 ? zipf : 0);
        return Math.min(d, (int) (tierSize(tier - 1) * 0.9));
    }

    // ---- writing ------------------------------------------------------------------------------

    public Counts write(Path dir) throws IOException {
        Files.createDirectories(dir);
        long nodes = 0;
        long rels = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        try (BufferedWriter nw = Files.newBufferedWriter(dir.resolve("nodes.csv"), StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(nw, format)) {
            out.printRecord(NODE_HEADER);
            for (int c = 0; c < COUNTRIES.length; c++) {
                // For a Country row the sector column carries its classification (north/south/other).
                out.printRecord(countryId(c), COUNTRIES[c][1], "Country", COUNTRIES[c][0], COUNTRIES[c][2], COUNTRIES[c][0], document, "");
                nodes++;
            }
            for (int s = 0; s < SECTORS.length; s++) {
                out.printRecord(sectorId(s), SECTORS[s], "Sector", "", "", "", document, "");
                nodes++;
            }
            for (int i = 0; i < firms; i++) {
                String name = firmName(i);
                String stem = name.substring(0, name.indexOf(' '));
                out.printRecord(firmId(i), name, "Company", COUNTRIES[homeCountry(i)][0], sectorId(sector(i)),
                        stem.toUpperCase(Locale.ROOT) + ";" + stem + " " + i, document, "");
                nodes++;
            }
            for (int j = 0; j < jointVentures; j++) {
                SplittableRandom r = new SplittableRandom(mix(seed * 31 + 7_000_000_000L + j));
                int host = draw(countryCdf, r.nextDouble());
                out.printRecord(jvId(j), "Joint venture " + j + " " + COUNTRIES[host][1], "JointVenture", COUNTRIES[host][0],
                        sectorId(draw(sectorCdf, r.nextDouble())), "JV " + j, document, "");
                nodes++;
            }
        }
        try (BufferedWriter rw = Files.newBufferedWriter(dir.resolve("relationships.csv"), StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(rw, format)) {
            out.printRecord(REL_HEADER);
            for (int i = 0; i < firms; i++) {
                rels += firmEdges(i, out);
            }
            for (int j = 0; j < jointVentures; j++) {
                rels += jointVentureEdges(j, out);
            }
        }
        return new Counts(nodes, rels);
    }

    private long firmEdges(int i, CSVPrinter out) throws IOException {
        SplittableRandom r = new SplittableRandom(mix(seed * 0xBF58476D1CE4E5B9L + i + 1));
        String id = firmId(i);
        long n = 0;
        int tier = tierOf(i);
        // SUPPLIES: to distinct customers in the tier below, biased towards its first (biggest) firms.
        int degree = supplyDegree(i, r);
        if (degree > 0) {
            int base = tierStart[tier - 1];
            int size = tierSize(tier - 1);
            int[] customers = pickDistinct(r, size, degree);
            for (int c : customers) {
                out.printRecord(id, firmId(base + c), "SUPPLIES", "", 1990 + r.nextInt(35), "", "", tier, document, "");
                n++;
            }
        }
        // Group membership: a subsidiary points to a lower-numbered head or subsidiary (no cycles).
        if (i > 0 && !isGroupHead(i) && r.nextDouble() < 0.09) {
            int parent = -1;
            for (int attempt = 0; attempt < 20 && parent < 0; attempt++) {
                int p = r.nextInt(i);
                if (isGroupHead(p) || attempt >= 10) parent = p;
            }
            double share = r.nextDouble() < 0.7 ? 1.0 : Math.round((0.5 + r.nextDouble() * 0.5) * 100) / 100.0;
            out.printRecord(id, firmId(parent), "SUBSIDIARY_OF", "", 1980 + r.nextInt(45), "", share, "", document, "");
            n++;
        }
        int home = homeCountry(i);
        int installed = r.nextDouble() < 0.75 ? home : draw(countryCdf, r.nextDouble());
        out.printRecord(id, countryId(installed), "INSTALLED_IN", 1960 + r.nextInt(65), "", "", "", "", document, "");
        n++;
        if (r.nextDouble() < 0.10) {
            int second = draw(countryCdf, r.nextDouble());
            if (second != installed) {
                out.printRecord(id, countryId(second), "INSTALLED_IN", 1990 + r.nextInt(35), "", "", "", "", document, "");
                n++;
            }
        }
        if (installed != home) {
            out.printRecord(id, countryId(home), "ORIGINATES_FROM", "", "", "", "", "", document, "");
            n++;
        }
        out.printRecord(id, sectorId(sector(i)), "IN_SECTOR", "", "", "", "", "", document, "");
        n++;
        // Partnerships are stored once, from the lower id to a higher one.
        if (i < firms - 1 && r.nextDouble() < 0.05) {
            int count = 1 + r.nextInt(2);
            int[] partners = pickDistinct(r, firms - i - 1, Math.min(count, firms - i - 1));
            for (int p : partners) {
                out.printRecord(id, firmId(i + 1 + p), "PARTNER_OF", "", 2000 + r.nextInt(25), "", "", "", document, "");
                n++;
            }
        }
        if (r.nextDouble() < 0.02) {
            int target = r.nextInt(firms - 1);
            if (target >= i) target++;
            out.printRecord(id, firmId(target), "ACQUIRED", 1985 + r.nextInt(40), "", "", "", "", document, "");
            n++;
        }
        return n;
    }

    private long jointVentureEdges(int j, CSVPrinter out) throws IOException {
        SplittableRandom r = new SplittableRandom(mix(seed * 37 + 9_000_000_000L + j));
        int parties = 2 + r.nextInt(2);
        int year = 1990 + r.nextInt(35);
        int[] firmsOf = pickDistinct(r, firms, parties);
        long n = 0;
        for (int k = 0; k < firmsOf.length; k++) {
            double share = k == 0 ? 0.51 : Math.round(0.49 / (firmsOf.length - 1) * 100) / 100.0;
            out.printRecord(firmId(firmsOf[k]), jvId(j), "PARTY_TO", year, "", "", share, "", document, "");
            n++;
        }
        return n;
    }

    /**
     * {@code k} distinct numbers in [0, n), sorted. Small draws lean towards low numbers (big
     * firms attract more suppliers); large ones use Floyd's algorithm.
     */
    static int[] pickDistinct(SplittableRandom r, int n, int k) {
        Set<Integer> chosen = new HashSet<>(Math.max(16, k * 2));
        if (k <= 16 && k * 4 <= n) {
            while (chosen.size() < k) {
                double u = r.nextDouble();
                chosen.add((int) (n * u * u));
            }
        } else {
            for (int j = n - k; j < n; j++) {
                int t = r.nextInt(j + 1);
                if (!chosen.add(t)) chosen.add(j);
            }
        }
        int[] out = chosen.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            total += 1 / Math.pow(k + 1, s);
            cdf[k] = total;
        }
        for (int k = 0; k < n; k++) cdf[k] /= total;
        return cdf;
    }

    static int draw(double[] cdf, double u) {
        int idx = Arrays.binarySearch(cdf, u);
        if (idx < 0) idx = -idx - 1;
        return Math.min(idx, cdf.length - 1);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z & Long.MAX_VALUE;
    }
}

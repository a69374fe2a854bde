package org.filiere.synthetic;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders {@code RESULTS.md} and the chart {@code p95-vs-size.svg} from every {@code runs/*.json}
 * the benchmark has written, so sizes measured on different occasions appear side by side (each
 * with its own date, commit and load average).
 */
final class BenchReport {

    /** p95 limits at L from issue #7, ms. */
    static final Map<String, Double> L_LIMITS = Map.of("tiers", 12.0, "neighbourhood", 5.0, "ownership", 5.0, "search", 8.0,
            "paths", 60.0, "pathsSkippingHubs", 60.0);

    /** Answer-size buckets (firms or hits in the answer): lower bounds. */
    static final int[] BUCKETS = {0, 2, 11, 101, 1001};

    private BenchReport() {
    }

    static List<Benchmark.SizeRun> runs(Path out) throws IOException {
        List<Benchmark.SizeRun> runs = new ArrayList<>();
        for (Path f : files(out, false)) runs.add(Benchmark.JSON.readValue(f.toFile(), Benchmark.SizeRun.class));
        runs.sort(Comparator.comparingLong(r -> r.firms() < 0 ? Long.MAX_VALUE : r.firms()));
        return runs;
    }

    static List<Benchmark.Loads> loads(Path out) throws IOException {
        List<Benchmark.Loads> loads = new ArrayList<>();
        for (Path f : files(out, true)) loads.add(Benchmark.JSON.readValue(f.toFile(), Benchmark.Loads.class));
        loads.sort(Comparator.comparingInt(l -> "SML".indexOf(l.label()) < 0 ? 99 : "SML".indexOf(l.label())));
        return loads;
    }

    private static List<Path> files(Path out, boolean loads) throws IOException {
        Path dir = out.resolve("runs");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> p.getFileName().toString().startsWith("loads-") == loads).sorted().toList();
        }
    }

    static void write(Path out, PrintStream log) throws IOException {
        List<Benchmark.SizeRun> runs = runs(out);
        Files.createDirectories(out);
        Files.writeString(out.resolve("p95-vs-size.svg"), svg(runs));
        Files.writeString(out.resolve("RESULTS.md"), markdown(runs, loads(out)));
        if (log != null) log.println("Wrote " + out.resolve("RESULTS.md").toAbsolutePath() + " and p95-vs-size.svg");
    }

    // ---- markdown --------------------------------------------------------------------------------

    static String markdown(List<Benchmark.SizeRun> runs, List<Benchmark.Loads> loads) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("Written by `SyntheticCli bench` (docs/benchmarks/README.md) from `runs/*.json`; what was tried and why "
                + "is in NOTES.md. Times in ms. Each size was measured in its own run: compare ratios within a run "
                + "(API ÷ raw, interleaved) rather than absolute times across runs, as the machine is shared "
                + "(load average given per run).\n\n");
        md.append("![p95 latency against graph size](p95-vs-size.svg)\n\n");
        md.append("## Runs\n\n| size | graph | date | commit | load average before → after | app JVM |\n|---|---|---|---|---|---|\n");
        for (var r : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %,d firms; %,d nodes, %,d relationships | %s | %s | %s → %s | %s |%n",
                    r.label(), r.firms(), r.nodes(), r.relationships(), r.date(), r.commit(), r.loadAverageBefore(),
                    r.loadAverageAfter(), r.app()));
        }
        if (!runs.isEmpty()) md.append("\nMachine: ").append(runs.get(runs.size() - 1).machine()).append(".\n");
        md.append("\nGraphs include the IPEMED dataset the app loads at start (a few hundred nodes).\n\n");

        if (!loads.isEmpty()) {
            md.append("## Loading: offline importer and driver loader vs LOAD CSV, same files, same run\n\n");
            md.append("Each loader into a fresh embedded store, one after the other in one run per size. LOAD CSV and "
                    + "the driver loader start from an empty database with the app's schema in place (their time "
                    + "includes index maintenance); the offline import's time includes preparing its files, the "
                    + "import, starting the database, creating the schema and waiting until every index is online. "
                    + "Ratio = rows/s ÷ the fastest LOAD CSV variant's in the same run.\n\n");
            md.append("| size | run (date, commit) | loader | nodes (s) | relationships (s) | total (s) | rows/s | ÷ LOAD CSV | nodes, relationships loaded | load average before → after | detail |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (var l : loads) {
                double best = l.runs().stream().filter(x -> x.loader().startsWith("LOAD CSV"))
                        .mapToDouble(LoadComparison.Run::rowsPerSecond).max().orElse(Double.NaN);
                for (var x : l.runs()) {
                    md.append(String.format(Locale.ROOT, "| %s | %s, %s | %s | %s | %s | %.1f | %,.0f | %.2f× | %,d, %,d | %s → %s | %s |%n",
                            l.label(), l.date().substring(0, Math.min(16, l.date().length())), l.commit(), x.loader(),
                            secs(x.nodeSeconds()), secs(x.relationshipSeconds()), x.totalSeconds(), x.rowsPerSecond(),
                            x.rowsPerSecond() / best, x.nodes(), x.relationships(), x.loadAverageBefore(), x.loadAverageAfter(),
                            x.detail()));
                }
            }
            md.append('\n');
        }

        md.append("## Traversals: HTTP API vs raw Cypher\n\n");
        md.append("Raw = the services' own statements (public in each service), in the order and under the conditions "
                + "the service runs them, in one read transaction through the Java driver, every record consumed. "
                + "API = `GET` on the app, whole body read. Per focal firm and traversal the two run back to back, "
                + "alternating which goes first. The warm-up rounds run every traversal in turn per focal firm; in the "
                + "recorded round, order \"by traversal\" runs each traversal on its own over the sample, as the "
                + "issue's limits were measured, and \"mixed\" keeps the turn (the concurrency run below always "
                + "mixes). Focal firms: the 10 with most SUPPLIES links plus a seeded random "
                + "sample; paths go from each focal firm to the next one in the sample. Target column: API ≤ "
                + "max(1.25 × raw, raw + 2 ms) at p50 and p95; p99 ≤ 4 × p95 (API).\n\n");
        for (var r : runs) {
            md.append("### ").append(r.label()).append(String.format(Locale.ROOT, " — %,d firms, %d focal firms, %d rounds (last recorded), order %s",
                    r.firms(), r.samples(), r.rounds(), r.order() == null ? "mixed" : r.order()));
            if (r.gc() != null) {
                md.append(String.format(Locale.ROOT, "; app GC during the recorded rounds: %d pauses, max %.1f ms, total %.0f ms",
                        r.gc().pauses(), r.gc().maxMs(), r.gc().totalMs()));
            }
            md.append("\n\n| traversal | API p50 / p95 / p99 | raw p50 / p95 / p99 | API ÷ raw p50 / p95 | API − raw p50 / p95 | API target p50 / p95 | p99 ≤ 4×p95 (API / raw) | hubs: API p95 / max |\n|---|---|---|---|---|---|---|---|\n");
            for (var e : r.traversals().entrySet()) {
                List<Benchmark.Sample> s = e.getValue();
                double[] a = Benchmark.percentiles(s.stream().map(Benchmark.Sample::api).toList());
                double[] w = Benchmark.percentiles(s.stream().map(Benchmark.Sample::raw).toList());
                List<Double> hubTimes = s.stream().filter(Benchmark.Sample::hub).map(Benchmark.Sample::api).toList();
                double[] h = Benchmark.percentiles(hubTimes);
                double hubMax = hubTimes.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f / %.2f | %+.1f / %+.1f | %s / %s | %s / %s | %.1f / %.1f |%n",
                        describe(e.getKey()), triple(a), triple(w), a[0] / w[0], a[1] / w[1], a[0] - w[0], a[1] - w[1],
                        mark(a[0] <= Math.max(1.25 * w[0], w[0] + 2)), mark(a[1] <= Math.max(1.25 * w[1], w[1] + 2)),
                        mark(a[2] <= 4 * a[1]), mark(w[2] <= 4 * w[1]), h[1], hubMax));
            }
            md.append('\n');
            if ("L".equals(r.label())) {
                md.append("Targets at L (p95): ");
                List<String> parts = new ArrayList<>();
                L_LIMITS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(lim -> {
                    List<Benchmark.Sample> s = r.traversals().get(lim.getKey());
                    if (s == null) return;
                    double api = Benchmark.percentiles(s.stream().map(Benchmark.Sample::api).toList())[1];
                    double raw = Benchmark.percentiles(s.stream().map(Benchmark.Sample::raw).toList())[1];
                    parts.add(String.format(Locale.ROOT, "%s ≤ %.0f ms: API %.1f %s, raw %.1f %s", lim.getKey(), lim.getValue(), api,
                            mark(api <= lim.getValue()), raw, mark(raw <= lim.getValue())));
                });
                md.append(String.join("; ", parts)).append(".\n\n");
            }
        }

        var small = runs.stream().filter(r -> "S".equals(r.label())).findFirst();
        var large = runs.stream().filter(r -> "L".equals(r.label())).findFirst()
                .or(() -> runs.stream().filter(r -> "M".equals(r.label())).findFirst());
        if (small.isPresent() && large.isPresent()) {
            var s = small.get();
            var l = large.get();
            md.append("## Cost against answer size: ").append(l.label()).append(" ÷ S p95 per answer-size bucket\n\n");
            md.append("Answer size = firms in the answer (hits for search). Goal: ≤ 2× for answers of similar size. "
                    + "Buckets with fewer than 5 focal firms at either size are shown as n/a. Within a bucket the answers "
                    + "are not always of similar size: the open-ended top bucket holds tier answers of up to 2,000 and "
                    + "exposure answers of up to 5,000 firms, which the small graph seldom reaches (compare the median "
                    + "sizes). The last column therefore also compares the p95 of each answer's time per 1,000 firms "
                    + "in it.\n\n");
            md.append("| traversal | answer size | n (S / ").append(l.label()).append(") | median size S / ").append(l.label())
                    .append(" | API p95 S → ").append(l.label()).append(" | raw p95 S → ").append(l.label())
                    .append(" | ÷ API / raw | per 1,000 firms ÷ API / raw |\n|---|---|---|---|---|---|---|---|\n");
            for (String t : s.traversals().keySet()) {
                if (!l.traversals().containsKey(t)) continue;
                for (int b = 0; b < BUCKETS.length; b++) {
                    int lo = BUCKETS[b];
                    int hi = b + 1 < BUCKETS.length ? BUCKETS[b + 1] - 1 : Integer.MAX_VALUE;
                    List<Benchmark.Sample> bs = s.traversals().get(t).stream().filter(x -> x.size() >= lo && x.size() <= hi).toList();
                    List<Benchmark.Sample> bl = l.traversals().get(t).stream().filter(x -> x.size() >= lo && x.size() <= hi).toList();
                    if (bs.isEmpty() && bl.isEmpty()) continue;
                    String range = hi == Integer.MAX_VALUE ? lo + "+" : lo == hi ? String.valueOf(lo) : lo + "–" + hi;
                    if (bs.size() < 5 || bl.size() < 5) {
                        md.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | n/a | n/a | n/a | n/a | n/a |%n", t, range, bs.size(), bl.size()));
                        continue;
                    }
                    double as = p95(bs, true), al = p95(bl, true), rs = p95(bs, false), rl = p95(bl, false);
                    double fas = p95PerFirm(bs, true), fal = p95PerFirm(bl, true), frs = p95PerFirm(bs, false), frl = p95PerFirm(bl, false);
                    md.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | %d / %d | %.1f → %.1f | %.1f → %.1f | %.2f %s / %.2f %s | %.2f %s / %.2f %s |%n",
                            t, range, bs.size(), bl.size(), medianSize(bs), medianSize(bl), as, al, rs, rl,
                            al / as, mark(al / as <= 2), rl / rs, mark(rl / rs <= 2),
                            fal / fas, mark(fal / fas <= 2), frl / frs, mark(frl / frs <= 2)));
                }
            }
            md.append('\n');
        }

        md.append("## Concurrency: clients × seconds of mixed traversals through the API\n\n");
        md.append("| size | clients × s | requests | errors | throughput (req/s) | p50 / p95 / p99 per traversal |\n|---|---|---|---|---|---|\n");
        for (var r : runs) {
            var c = r.concurrency();
            if (c == null) continue;
            StringBuilder per = new StringBuilder();
            c.apiPercentiles().forEach((k, v) -> per.append(per.isEmpty() ? "" : "; ").append(k).append(' ').append(triple(v)));
            md.append(String.format(Locale.ROOT, "| %s | %d × %.0f | %,d | %d | %.1f | %s |%n", r.label(), c.clients(), c.seconds(),
                    c.requests(), c.errors(), c.throughput(), per));
            if (!c.errorExamples().isEmpty()) md.append("\nErrors (first ").append(c.errorExamples().size()).append("): ")
                    .append(String.join("; ", c.errorExamples())).append("\n\n");
        }
        md.append('\n');
        return md.toString();
    }

    /** p95 of each answer's time per 1,000 firms (or hits) in it. */
    private static double p95PerFirm(List<Benchmark.Sample> s, boolean api) {
        return Benchmark.percentiles(s.stream().map(x -> (api ? x.api() : x.raw()) * 1000 / Math.max(1, x.size())).toList())[1];
    }

    private static int medianSize(List<Benchmark.Sample> s) {
        int[] sizes = s.stream().mapToInt(Benchmark.Sample::size).sorted().toArray();
        return sizes[sizes.length / 2];
    }

    private static double p95(List<Benchmark.Sample> s, boolean api) {
        return Benchmark.percentiles(s.stream().map(x -> api ? x.api() : x.raw()).toList())[1];
    }

    static String describe(String traversal) {
        try {
            return Traversal.valueOf(traversal).description;
        } catch (IllegalArgumentException e) {
            return traversal;
        }
    }

    private static String triple(double[] v) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", v[0], v[1], v[2]);
    }

    private static String secs(double s) {
        return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.1f", s);
    }

    private static String mark(boolean ok) {
        return ok ? "✅" : "❌";
    }

    // ---- chart -----------------------------------------------------------------------------------

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#7f7f7f"};

    /** p95 against firms, both axes logarithmic; API solid, raw dashed; one colour per traversal. */
    static String svg(List<Benchmark.SizeRun> all) {
        List<Benchmark.SizeRun> runs = all.stream().filter(r -> r.firms() > 0).toList();
        int width = 760, height = 460, left = 70, right = 230, top = 40, bottom = 60;
        int plotW = width - left - right, plotH = height - top - bottom;
        Map<String, double[][]> series = new LinkedHashMap<>(); // traversal → [run][api, raw]
        double minY = Double.MAX_VALUE, maxY = 0;
        for (Traversal t : Traversal.values()) {
            double[][] v = new double[runs.size()][2];
            for (int i = 0; i < runs.size(); i++) {
                List<Benchmark.Sample> s = runs.get(i).traversals().get(t.name());
                if (s == null || s.isEmpty()) {
                    v[i] = new double[] {Double.NaN, Double.NaN};
                    continue;
                }
                v[i][0] = Benchmark.percentiles(s.stream().map(Benchmark.Sample::api).toList())[1];
                v[i][1] = Benchmark.percentiles(s.stream().map(Benchmark.Sample::raw).toList())[1];
                for (double y : v[i]) {
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
            series.put(t.name(), v);
        }
        if (runs.isEmpty()) {
            minY = 1;
            maxY = 10;
        }
        double y0 = Math.pow(10, Math.floor(Math.log10(Math.max(0.1, minY))));
        double y1 = Math.pow(10, Math.ceil(Math.log10(Math.max(y0 * 10, maxY))));
        double x0 = (runs.isEmpty() ? 1e4 : runs.get(0).firms()) / 2.0;
        double x1 = (runs.isEmpty() ? 1e6 : runs.get(runs.size() - 1).firms()) * 2.0;
        java.util.function.DoubleUnaryOperator sx = x -> left + plotW * (Math.log10(x) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0));
        java.util.function.DoubleUnaryOperator sy = y -> top + plotH * (1 - (Math.log10(y) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0)));

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">p95 latency against graph size (log–log; API solid, raw Cypher dashed)</text>%n", left));
        // grid and y labels
        for (double y = y0; y <= y1 * 1.0001; y *= 10) {
            double py = sy.applyAsDouble(y);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left, py, left + plotW, py));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 6, py + 4, number(y)));
        }
        for (var r : runs) {
            double px = sx.applyAsDouble(r.firms());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", px, top, px, top + plotH));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s (%s firms)</text>%n", px, top + plotH + 18,
                    r.label(), number(r.firms())));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", left, top, plotW, plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">graph size</text>%n", left + plotW / 2, height - 12));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %d) rotate(-90)\" text-anchor=\"middle\">p95 (ms)</text>%n", top + plotH / 2));
        int i = 0;
        for (var e : series.entrySet()) {
            String colour = COLOURS[i % COLOURS.length];
            for (int side = 0; side < 2; side++) {
                StringBuilder points = new StringBuilder();
                for (int k = 0; k < runs.size(); k++) {
                    double y = e.getValue()[k][side];
                    if (Double.isNaN(y)) continue;
                    double px = sx.applyAsDouble(runs.get(k).firms());
                    double py = sy.applyAsDouble(Math.max(y0, y));
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s %s: %.1f ms</title></circle>%n",
                            px, py, colour, e.getKey(), side == 0 ? "API" : "raw", runs.get(k).label(), y));
                }
                svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                        points.toString().strip(), colour, side == 1 ? " stroke-dasharray=\"5 4\"" : ""));
            }
            int ly = top + 10 + i * 22;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    left + plotW + 15, ly, left + plotW + 40, ly, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + plotW + 46, ly + 4, e.getKey()));
            i++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String number(double v) {
        if (v >= 1e6) return String.format(Locale.ROOT, "%.0fM", v / 1e6);
        if (v >= 1e3) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        if (v >= 1) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

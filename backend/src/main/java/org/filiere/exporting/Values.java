package org.filiere.exporting;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Property values as the export formats want them. */
final class Values {

    private Values() {
    }

    /** JSON-friendly: strings, numbers, booleans, lists and maps of those; dates as ISO text. */
    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return v;
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof TemporalAccessor) return v.toString();
        return String.valueOf(v);
    }

    /** One text cell: lists joined with ';', absent as empty, characters XML 1.0 forbids removed. */
    static String text(Object v) {
        if (v == null) return "";
        if (v instanceof Collection<?> c) {
            return c.stream().filter(x -> x != null).map(Values::text).collect(Collectors.joining(";"));
        }
        return clean(String.valueOf(plain(v)));
    }

    static String first(Object v) {
        if (v instanceof Collection<?> c) return c.isEmpty() ? null : text(c.iterator().next());
        return v == null ? null : text(v);
    }

    static List<String> list(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) c.forEach(x -> { if (x != null && !text(x).isBlank()) out.add(text(x)); });
        else if (v != null && !text(v).isBlank()) out.add(text(v));
        return out;
    }

    private static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            if (!ok && out == null) out = new StringBuilder(s.substring(0, i));
            if (ok && out != null) out.append(c);
        }
        return out == null ? s : out.toString();
    }
}

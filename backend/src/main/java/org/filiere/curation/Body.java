package org.filiere.curation;

import org.filiere.graph.InvalidInputException;
import org.filiere.graph.InvalidInputException.FieldError;
import org.filiere.graph.Names;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A curation request body, read field by field. Hand-written rather than bound to a record because
 * PATCH must tell "absent" (leave it) from {@code null} (remove it), and every wrong field must be
 * named in the 422 answer, all at once, with the value given.
 */
final class Body {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** A provenance quote and the section of the document it comes from. */
    record Quote(String quote, String section) {
    }

    private final JsonNode json;
    private final List<FieldError> errors = new ArrayList<>();

    Body(JsonNode json, Set<String> allowed) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("body", json == null ? null : abbreviate(json.toString()), "Send a JSON object.");
        }
        this.json = json;
        for (String name : json.propertyNames()) {
            if (!allowed.contains(name)) {
                error(name, json.get(name), "Unknown field. Allowed: " + allowed + ".");
            }
        }
    }

    boolean has(String field) {
        return json.has(field);
    }

    /** Present and {@code null}: the property is to be removed. */
    boolean isNull(String field) {
        return json.has(field) && json.get(field).isNull();
    }

    void error(String field, JsonNode value, String message) {
        errors.add(new FieldError(field, value == null || value.isNull() ? null : abbreviate(value.isString() ? value.asString() : value.toString()), message));
    }

    void error(String field, String message) {
        error(field, json.get(field), message);
    }

    /** Throws the 422 with every error found so far. */
    void check() {
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** A non-blank text of at most {@code max} characters, stripped; {@code null} when absent, null or invalid. */
    String text(String field, int max, boolean required) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            if (required) error(field, v, "Required.");
            return null;
        }
        if (!v.isString()) {
            error(field, v, "Must be a text.");
            return null;
        }
        String s = v.asString().strip();
        if (s.isEmpty()) {
            error(field, v, required ? "Required: must not be blank." : "Must not be blank (send null to remove it).");
            return null;
        }
        if (s.length() > max) {
            error(field, v, "At most " + max + " characters (got " + s.length() + ").");
            return null;
        }
        return s;
    }

    String country(String field) {
        String s = text(field, 2, false);
        if (s == null) return null;
        String code = s.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            error(field, "Not an ISO 3166-1 alpha-2 country code (e.g. MA, FR).");
            return null;
        }
        return code;
    }

    /** A whole number in [min, max]. */
    Long integer(String field, long min, long max, String what) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            error(field, v, what + " must be a whole number from " + min + " to " + max + ".");
            return null;
        }
        return v.asLong();
    }

    Long year(String field) {
        return integer(field, 1800, 2200, "A year");
    }

    /** A fraction in (0, 1]. */
    Double share(String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber() || !(v.asDouble() > 0) || v.asDouble() > 1) {
            error(field, v, "A share must be a fraction in (0, 1]: 0.51 for 51 %.");
            return null;
        }
        return v.asDouble();
    }

    Boolean bool(String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) {
            error(field, v, "Must be true or false.");
            return null;
        }
        return v.asBoolean();
    }

    /** A list of distinct non-blank texts (order kept); {@code null} when absent or invalid. */
    List<String> texts(String field, int maxItems, int maxLength) {
        JsonNode v = json.get(field);
        if (v == null) return null;
        if (v.isNull()) return List.of();
        if (!v.isArray()) {
            error(field, v, "Must be a list of texts.");
            return null;
        }
        if (v.size() > maxItems) {
            error(field, v, "At most " + maxItems + " items (got " + v.size() + ").");
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isString() || item.asString().isBlank() || item.asString().strip().length() > maxLength) {
                error(field + "[" + i + "]", item, "Each item must be a non-blank text of at most " + maxLength + " characters.");
                return null;
            }
            out.add(item.asString().strip());
        }
        return new ArrayList<>(out);
    }

    /** Quotes as texts or as {@code {quote, section}} objects; {@code null} when absent or invalid. */
    List<Quote> quotes(String field) {
        JsonNode v = json.get(field);
        if (v == null) return null;
        if (v.isNull()) return List.of();
        if (!v.isArray() || v.size() > 100) {
            error(field, v, "Must be a list of at most 100 quotes: texts or {\"quote\": …, \"section\": …} objects.");
            return null;
        }
        List<Quote> out = new ArrayList<>();
        boolean bad = false;
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String quote = item.isString() ? item.asString() : item.isObject() && item.has("quote") && item.get("quote").isString()
                    ? item.get("quote").asString() : null;
            JsonNode section = item.isObject() ? item.get("section") : null;
            boolean badKeys = item.isObject() && item.propertyNames().stream().anyMatch(k -> !k.equals("quote") && !k.equals("section"));
            if (quote == null || quote.isBlank() || quote.strip().length() > Names.MAX_QUOTE || badKeys
                    || (section != null && !section.isNull() && (!section.isString() || section.asString().length() > 300))) {
                // Every wrong quote is named, not only the first (as every wrong field is).
                error(field + "[" + i + "]", item, "Each quote must be a non-blank text of at most " + Names.MAX_QUOTE
                        + " characters, or {\"quote\": …, \"section\": …} with a section of at most 300 characters.");
                bad = true;
                continue;
            }
            String s = section == null || section.isNull() ? "" : section.asString().strip();
            Quote q = new Quote(quote.strip(), s);
            if (!out.contains(q)) out.add(q);
        }
        return bad ? null : out;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}

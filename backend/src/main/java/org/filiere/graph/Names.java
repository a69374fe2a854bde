package org.filiere.graph;

import java.text.Normalizer;
import java.util.Locale;

/** Name normalisation shared by the dataset loader, imports and duplicate detection. */
public final class Names {

    private Names() {
    }

    /** "Sofiprotéol " → "sofiproteol", "FAGOR-BRANDT" → "fagor brandt". */
    public static String normalise(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    /** "Royal Air Maroc" → "royal-air-maroc": the readable, stable id used in URLs. */
    public static String slug(String name) {
        return normalise(name).replace(' ', '-');
    }

    public static boolean isSlug(String id) {
        return id != null && id.matches("[a-z0-9]+(-[a-z0-9]+)*") && id.length() <= 120;
    }
}

package org.filiere.importing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cell values shared by the import formats: years, dates reduced to their year, shares. */
final class Parse {

    private static final Pattern ISO = Pattern.compile("(\\d{4})(?:[-/.]\\d{1,2}(?:[-/.]\\d{1,2})?)?(?:[T ].*)?");
    private static final Pattern DAY_FIRST = Pattern.compile("\\d{1,2}[-/.]\\d{1,2}[-/.](\\d{4})");

    private Parse() {
    }

    /** A whole year 1800..2200, or null (reported) when the text is not one. Empty text is null, unreported. */
    static Long year(Errors errors, String file, int row, String column, String text) {
        if (text == null || text.isEmpty()) return null;
        try {
            long y = Long.parseLong(text);
            if (y >= 1800 && y <= 2200) return y;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(file, row, column, text, "A year must be a whole number between 1800 and 2200.");
        return null;
    }

    /**
     * The year of a date written as {@code 2019}, {@code 2019-03}, {@code 2019-03-01} (ISO, also
     * with '/' or '.'; a time after it is ignored) or day first {@code 01/03/2019}; null (reported)
     * otherwise. The model keeps years only (docs/model.md).
     */
    static Long dateYear(Errors errors, String file, int row, String column, String text) {
        if (text == null || text.isEmpty()) return null;
        Matcher m = ISO.matcher(text);
        Matcher d = DAY_FIRST.matcher(text);
        String year = m.matches() ? m.group(1) : d.matches() ? d.group(1) : null;
        if (year != null) {
            long y = Long.parseLong(year);
            if (y >= 1800 && y <= 2200) return y;
        }
        errors.add(file, row, column, text, "A date must be a year (2019), an ISO date (2019-03-01) or day/month/year "
                + "(01/03/2019), between 1800 and 2200.");
        return null;
    }

    /**
     * A share as a fraction in (0, 1]. With {@code percent}, the text is a percentage ("51",
     * "51.5 %", as FollowTheMoney writes it) and is divided by 100.
     */
    static Double share(Errors errors, String file, int row, String column, String text, boolean percent) {
        String t = text.strip();
        if (percent) t = t.replace("%", "").replace(',', '.').strip();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (percent) v = v / 100;
        if (Double.isNaN(v) || v <= 0 || v > 1) {
            errors.add(file, row, column, text, percent ? "A percentage must be a number in (0, 100]."
                    : "Share must be a fraction in (0, 1]: 0.51 for 51 %.");
            return null;
        }
        return v;
    }
}

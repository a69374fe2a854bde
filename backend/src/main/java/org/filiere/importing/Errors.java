package org.filiere.importing;

import java.util.ArrayList;
import java.util.List;

/** Every error found in an upload, the first {@link #MAX} kept with their total. */
final class Errors {

    static final int MAX = 500;

    private final List<ImportError> list = new ArrayList<>();
    private int count;

    void add(String file, Integer row, String column, String value, String message) {
        count++;
        if (list.size() < MAX) list.add(new ImportError(file, row, column, value == null ? null : abbreviate(value), message));
    }

    int count() {
        return count;
    }

    boolean any() {
        return count > 0;
    }

    List<ImportError> list() {
        return list;
    }

    /** Throws {@link ImportRejected} (answered 400 with the list) if anything was found. */
    void throwIfAny() {
        if (count > 0) throw new ImportRejected(list, count);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}

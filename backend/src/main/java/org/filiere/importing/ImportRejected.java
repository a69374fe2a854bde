package org.filiere.importing;

import java.util.List;

/** The upload is invalid: nothing was written. Carries every error found (up to a cap) and their total. */
class ImportRejected extends RuntimeException {

    private final List<ImportError> errors;
    private final int total;

    ImportRejected(List<ImportError> errors, int total) {
        super(total + " errors");
        this.errors = errors;
        this.total = total;
    }

    List<ImportError> errors() {
        return errors;
    }

    int total() {
        return total;
    }
}

package org.filiere.importing;

/** One thing wrong in an uploaded file: {@code row} counts the header as row 1, as a spreadsheet does. */
public record ImportError(String file, Integer row, String column, String value, String message) {
}

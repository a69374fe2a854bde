package org.filiere.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading uploaded CSV files record by record (never whole), shared by the native and mapped formats. */
final class CsvFiles {

    private CsvFiles() {
    }

    interface RecordHandler {
        /** {@code row} counts the header as row 1, as a spreadsheet does. */
        void record(int row, List<String> header, CSVRecord record) throws IOException;
    }

    /**
     * Streams {@code path}: the header (stripped, as given) goes to {@code header}, which may refuse
     * the file by returning false; blank lines are skipped; a record whose column count differs
     * from the header's is reported and skipped. Returns the number of data rows seen.
     */
    static long read(String file, Path path, char delimiter, Errors errors,
                     java.util.function.Predicate<List<String>> header, RecordHandler handler) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true).get();
        long rows = 0;
        try (Reader reader = withoutBom(path); CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            List<String> columns = null;
            int row = 0;
            for (CSVRecord record : parser) {
                row++;
                if (columns == null) {
                    columns = record.toList().stream().map(String::strip).toList();
                    if (!header.test(columns)) return 0;
                    continue;
                }
                if (record.size() == 1 && record.get(0).isEmpty()) continue;
                rows++;
                if (record.size() != columns.size()) {
                    errors.add(file, row, null, null, "Row has " + record.size() + " columns, the header " + columns.size() + ".");
                    continue;
                }
                handler.record(row, columns, record);
            }
            if (columns == null) errors.add(file, null, null, null, "The file is empty: it needs at least a header row.");
        } catch (java.io.UncheckedIOException | IllegalStateException | java.nio.charset.MalformedInputException e) {
            // The innermost message says what is wrong and where; the wrappers only add class names.
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            if (root instanceof java.nio.charset.CharacterCodingException) {
                // The reader decodes ahead of the parser: find the line the byte is on.
                BadByte bad = firstBadByte(path);
                errors.add(file, null, null, bad == null ? null : "0x%02X".formatted(bad.value()), "Not UTF-8 text"
                        + (bad == null ? "" : " (line " + bad.line() + " of the file)") + ": a spreadsheet saved as plain CSV is "
                        + "in the computer's code page, e.g. windows-1252 for Excel in Western Europe. Save it as \"CSV UTF-8\", "
                        + "or send its encoding (the form field 'encoding', e.g. encoding=windows-1252).");
            } else {
                errors.add(file, null, null, null, "Not a readable CSV file: " + root.getMessage());
            }
        }
        return rows;
    }

    record BadByte(long line, int value) {
    }

    /** The first byte that is not UTF-8, and its line (1 = the first), or null when there is none. */
    static BadByte firstBadByte(Path path) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(1 << 16);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(1 << 16);
        long line = 1;
        try (var channel = Files.newByteChannel(path)) {
            while (true) {
                boolean end = channel.read(in) < 0;
                in.flip();
                java.nio.charset.CoderResult result;
                do {
                    result = decoder.decode(in, out, end);
                    out.flip();
                    while (out.hasRemaining()) if (out.get() == '\n') line++;
                    out.clear();
                    if (result.isError()) return new BadByte(line, in.get(in.position()) & 0xFF);
                } while (result.isOverflow());
                if (end) return null;
                in.compact();
            }
        }
    }

    private static Reader withoutBom(Path path) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        PushbackReader reader = new PushbackReader(new java.io.BufferedReader(
                new InputStreamReader(Files.newInputStream(path), decoder), 1 << 16), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') reader.unread(first);
        return reader;
    }
}

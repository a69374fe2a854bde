package org.filiere.exporting;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The native import format (docs/importing.md): a zip of {@code nodes.csv} and
 * {@code relationships.csv}, so that an export can be imported again.
 */
public final class CsvZipWriter implements GraphSink {

    public static final List<String> NODE_COLUMNS = List.of("id", "name", "type", "country", "sector", "aliases",
            "source_document", "quote");
    /** {@code inferred} and {@code reason}: a link the source implies rather than states stays one after a round trip. */
    public static final List<String> RELATIONSHIP_COLUMNS = List.of("source", "target", "type", "year", "start", "end",
            "share", "tier", "source_document", "quote", "inferred", "reason");

    private final ZipOutputStream zip;
    private final Writer writer;
    private CSVPrinter csv;
    private boolean inEdges;

    CsvZipWriter(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    }

    @Override
    public void begin(Set<String> nodeKeys, Set<String> edgeKeys) throws IOException {
        csv = entry("nodes.csv", NODE_COLUMNS);
    }

    /**
     * A cell that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return
     * first: OWASP's "CSV injection") gets a leading apostrophe, which spreadsheets show as text.
     * Names and quotes come from documents and imports, and a journalist opens exports in Excel.
     * The native CSV import removes that apostrophe again ({@link #uncell}).
     */
    static String cell(String value) {
        if (value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0) return value;
        return "'" + value;
    }

    /** Undoes {@link #cell}: a leading apostrophe before a formula character is dropped. */
    public static String uncell(String value) {
        if (value.length() < 2 || value.charAt(0) != '\'' || "=+-@\t\r".indexOf(value.charAt(1)) < 0) return value;
        return value.substring(1);
    }

    private void print(String... values) throws IOException {
        for (String v : values) csv.print(cell(v));
        csv.println();
    }

    private CSVPrinter entry(String name, List<String> header) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator("\n").get());
    }

    private void toEdges() throws IOException {
        csv.flush();
        zip.closeEntry();
        csv = entry("relationships.csv", RELATIONSHIP_COLUMNS);
        inEdges = true;
    }

    /**
     * {@code sector}: an imported firm's sector text, else the sectors a tier answer gives each firm
     * (its IN_SECTOR links, which the answer does not carry as links), so that a spreadsheet of
     * Renault's suppliers says what they make and a re-import counts them by sector again.
     */
    @Override
    public void node(Map<String, Object> d) throws IOException {
        Object name = d.get("name") != null ? d.get("name") : d.get("label");
        print(Values.text(d.get("id")), Values.text(name), Values.text(d.get("type")), Values.text(d.get("country")),
                Values.text(d.get("sector") != null ? d.get("sector") : d.get("sectors")), Values.text(d.get("aliases")), Values.text(d.get("document")),
                Values.text(d.get("quote") != null ? d.get("quote") : Values.first(d.get("quotes"))));
    }

    @Override
    public void edge(Map<String, Object> d) throws IOException {
        if (!inEdges) toEdges();
        print(Values.text(d.get("source")), Values.text(d.get("target")), Values.text(d.get("type")),
                Values.text(d.get("year")), Values.text(d.get("start")), Values.text(d.get("end")), Values.text(d.get("share")),
                Values.text(d.get("tier")), Values.text(d.get("document")),
                Values.text(d.get("quote") != null ? d.get("quote") : Values.first(d.get("quotes"))),
                Boolean.TRUE.equals(d.get("inferred")) ? "true" : "", Values.text(d.get("reason")));
    }

    @Override
    public void end() throws IOException {
        if (!inEdges) toEdges();
        csv.flush();
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }
}

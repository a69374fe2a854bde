package org.filiere.exporting;

import org.filiere.graph.Params;

/** The download formats of the whole graph and of every traversal answer. */
public enum ExportFormat {
    graphml("application/graphml+xml", "graphml"),
    cyjs("application/json", "cyjs"),
    csv("application/zip", "zip"),
    ftm("application/x-ndjson", "ftm.json");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String fileName(String base) {
        return base + "." + extension;
    }

    /** {@code null} when the parameter is absent; 400 problem+json when it names no format. */
    public static ExportFormat parse(String value) {
        if (value == null || value.isBlank()) return null;
        return Params.choice("format", value, null, ExportFormat.class);
    }
}

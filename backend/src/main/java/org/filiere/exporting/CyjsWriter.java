package org.filiere.exporting;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;

/** Cytoscape JSON: {@code {"elements":{"nodes":[{"data":…}],"edges":[{"data":…}]}}}, written as it goes. */
final class CyjsWriter implements GraphSink {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonGenerator json;
    private boolean inEdges;

    CyjsWriter(OutputStream out) {
        this.json = JSON.createGenerator(out);
    }

    @Override
    public void begin(Set<String> nodeKeys, Set<String> edgeKeys) {
        json.writeStartObject();
        json.writeName("elements");
        json.writeStartObject();
        json.writeName("nodes");
        json.writeStartArray();
    }

    @Override
    public void node(Map<String, Object> data) {
        element(data);
    }

    @Override
    public void edge(Map<String, Object> data) {
        if (!inEdges) toEdges();
        element(data);
    }

    private void toEdges() {
        json.writeEndArray();
        json.writeName("edges");
        json.writeStartArray();
        inEdges = true;
    }

    private void element(Map<String, Object> data) {
        json.writeStartObject();
        json.writeName("data");
        json.writePOJO(Values.plain(data));
        json.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        if (!inEdges) toEdges();
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }
}

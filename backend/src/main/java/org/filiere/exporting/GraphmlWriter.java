package org.filiere.exporting;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * GraphML (http://graphml.graphdrawing.org/) as Gephi, yEd and Cytoscape Desktop read it: every
 * attribute declared with a {@code <key>} before the graph, list values joined with ';'. Numeric and
 * boolean model properties are typed so tools can size and filter by them.
 */
final class GraphmlWriter implements GraphSink {

    private static final String NS = "http://graphml.graphdrawing.org/xmlns";
    private static final Map<String, String> TYPED = Map.of("share", "double", "year", "long", "start", "long",
            "end", "long", "tier", "long", "level", "long", "inferred", "boolean", "collective", "boolean",
            "subsidiary", "boolean");
    private static final Set<String> STRUCTURAL = Set.of("id", "source", "target");

    private final XMLStreamWriter xml;
    private final Map<String, String> nodeKeys = new LinkedHashMap<>();
    private final Map<String, String> edgeKeys = new LinkedHashMap<>();
    private boolean inGraph;

    GraphmlWriter(OutputStream out) throws IOException {
        try {
            this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void begin(Set<String> nodeAttributes, Set<String> edgeAttributes) throws IOException {
        try {
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("graphml");
            xml.writeDefaultNamespace(NS);
            xml.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
            xml.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
                    NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
            xml.writeCharacters("\n");
            declare("node", "n", nodeAttributes, nodeKeys);
            declare("edge", "e", edgeAttributes, edgeKeys);
            xml.writeStartElement("graph");
            xml.writeAttribute("id", "filiere");
            xml.writeAttribute("edgedefault", "directed");
            xml.writeCharacters("\n");
            inGraph = true;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private void declare(String kind, String prefix, Set<String> names, Map<String, String> keys) throws XMLStreamException {
        int i = 0;
        for (String name : names) {
            if (STRUCTURAL.contains(name) || keys.containsKey(name)) continue;
            String id = prefix + i++;
            keys.put(name, id);
            xml.writeEmptyElement("key");
            xml.writeAttribute("id", id);
            xml.writeAttribute("for", kind);
            xml.writeAttribute("attr.name", name);
            xml.writeAttribute("attr.type", TYPED.getOrDefault(name, "string"));
            xml.writeCharacters("\n");
        }
    }

    @Override
    public void node(Map<String, Object> data) throws IOException {
        try {
            xml.writeStartElement("node");
            xml.writeAttribute("id", Values.text(data.get("id")));
            data(data, nodeKeys);
            xml.writeEndElement();
            xml.writeCharacters("\n");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void edge(Map<String, Object> data) throws IOException {
        try {
            xml.writeStartElement("edge");
            xml.writeAttribute("id", Values.text(data.get("id")));
            xml.writeAttribute("source", Values.text(data.get("source")));
            xml.writeAttribute("target", Values.text(data.get("target")));
            data(data, edgeKeys);
            xml.writeEndElement();
            xml.writeCharacters("\n");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private void data(Map<String, Object> data, Map<String, String> keys) throws XMLStreamException {
        for (var entry : data.entrySet()) {
            String key = keys.get(entry.getKey());
            Object value = entry.getValue();
            if (key == null || value == null) continue;
            String type = TYPED.get(entry.getKey());
            // A value that does not fit the declared type is left out rather than making the file unreadable.
            if (type != null && (type.equals("boolean") ? !(value instanceof Boolean) : !(value instanceof Number))) continue;
            xml.writeStartElement("data");
            xml.writeAttribute("key", key);
            xml.writeCharacters(Values.text(value));
            xml.writeEndElement();
        }
    }

    @Override
    public void end() throws IOException {
        try {
            if (!inGraph) begin(Set.of(), Set.of());
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}

package org.filiere.exporting;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A graph written element by element: {@link #begin} with the attribute names, then every node,
 * then every edge, then {@link #end}. Writers hold no element after it is written.
 * Element data are Cytoscape {@code data} maps: {@code id}, {@code type}, {@code label}, …;
 * edges also {@code source} and {@code target}.
 */
interface GraphSink {

    void begin(Set<String> nodeKeys, Set<String> edgeKeys) throws IOException;

    void node(Map<String, Object> data) throws IOException;

    void edge(Map<String, Object> data) throws IOException;

    void end() throws IOException;
}

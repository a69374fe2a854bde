package org.filiere.importing;

import org.filiere.graph.Names;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Node and relationship properties of native CSV rows (provenance constants are added by {@link GraphWriter}). */
final class NativeRows {

    private NativeRows() {
    }

    static Map<String, Object> node(CsvImport.NodeRow n) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", n.id());
        p.put("name", n.name());
        p.put("type", n.type().name());
        p.put("normalisedName", Names.normalise(n.name()));
        p.put("aliases", n.aliases());
        p.put("aliasText", Names.aliasText(n.name(), n.aliases()));
        if (n.country() != null) p.put("country", n.country());
        if (n.sector() != null) p.put("sector", n.sector());
        if (n.document() != null) p.put("document", n.document());
        p.put("quotes", n.quote() == null ? List.of() : List.of(n.quote()));
        p.put("row", n.row());
        return p;
    }

    static Map<String, Object> rel(CsvImport.RelRow r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", r.id());
        if (r.year() != null) p.put("year", r.year());
        if (r.start() != null) p.put("start", r.start());
        if (r.end() != null) p.put("end", r.end());
        if (r.share() != null) p.put("share", r.share());
        if (r.tier() != null) p.put("tier", r.tier());
        if (r.document() != null) p.put("document", r.document());
        p.put("quotes", r.quote() == null ? List.of() : List.of(r.quote()));
        p.put("inferred", r.inferred());
        if (r.reason() != null) p.put("reason", r.reason());
        p.put("row", r.row());
        return p;
    }
}

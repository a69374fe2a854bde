package org.filiere.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** The JSON shape of {@code cypher/data/<dataset>/*.json} (described in cypher/data/ipemed/FORMAT.md). */
final class DatasetFiles {

    private DatasetFiles() {
    }

    record File(@JsonProperty("section_default") String sectionDefault, List<Node> nodes, List<Rel> relationships) {
        File {
            nodes = nodes == null ? List.of() : nodes;
            relationships = relationships == null ? List.of() : relationships;
        }
    }

    record Quote(String quote, String section) {
    }

    record Fact(String property, Double value, String unit, Integer year, String qualifier, String quote, String section) {
    }

    record AnnexRow(String table, String row) {
    }

    record Node(String id, String type, String name, List<String> aliases, Map<String, Object> props,
                List<Quote> quotes, List<Fact> facts, List<AnnexRow> annex) {
        Node {
            aliases = aliases == null ? List.of() : aliases;
            props = props == null ? Map.of() : props;
            quotes = quotes == null ? List.of() : quotes;
            facts = facts == null ? List.of() : facts;
            annex = annex == null ? List.of() : annex;
        }
    }

    record Rel(String source, String type, String target, Integer year, Integer start, Integer end, Double share,
               Integer tier, Map<String, Object> props, Boolean inferred, String reason, List<Quote> quotes,
               String annexTable) {
        Rel {
            props = props == null ? Map.of() : props;
            quotes = quotes == null ? List.of() : quotes;
        }
    }
}

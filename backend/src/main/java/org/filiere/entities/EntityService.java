package org.filiere.entities;

import org.filiere.graph.NotFoundException;
import org.filiere.graph.ReadQueries;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Service
public class EntityService {

    public record Quote(String quote, String section, String document) {
    }

    /** A numeric fact with the quote it rests on, e.g. employees = 6000 ("will employ over 6,000 people"). */
    public record Fact(String property, Object value, String unit, Long year, String qualifier, String quote, String section) {
    }

    public record RelationshipCount(String type, String direction, long count) {
    }

    public record Details(String id, String name, String type, List<String> labels, List<String> aliases,
                          Map<String, Object> properties, List<Fact> facts, List<Quote> quotes,
                          List<RelationshipCount> relationships) {
    }

    private static final String QUERY = """
            MATCH (n:Entity {id: $id})
            // OPTIONAL: an entity without any relationship (just created by a curator) still answers.
            OPTIONAL CALL (n) {
              MATCH (n)-[r]->()
              RETURN type(r) AS type, 'out' AS direction, count(*) AS count
              UNION ALL
              MATCH (n)<-[r]-()
              RETURN type(r) AS type, 'in' AS direction, count(*) AS count
            }
            RETURN n, labels(n) AS labels,
                   collect(CASE WHEN type IS NULL THEN null ELSE {type: type, direction: direction, count: count} END) AS counts
            """;

    private final ReadQueries reads;

    public EntityService(ReadQueries reads) {
        this.reads = reads;
    }

    public Details get(String id) {
        return reads.read(client -> client.query(QUERY).bind(id).to("id").fetchAs(Details.class).mappedBy((t, r) -> {
            Map<String, Object> all = new TreeMap<>(r.get("n").asNode().asMap());
            List<String> aliases = listOf(all.remove("aliases"));
            List<String> quotes = listOf(all.remove("quotes"));
            List<String> sections = listOf(all.remove("quoteSections"));
            // A merged entity keeps each quote's own document (curation/EntityCuration.combineEntity).
            List<String> documents = listOf(all.remove("quoteDocuments"));
            String document = (String) all.get("document");
            List<Quote> provenance = new ArrayList<>();
            for (int i = 0; i < quotes.size(); i++) {
                String section = i < sections.size() && !sections.get(i).isEmpty() ? sections.get(i) : null;
                String doc = i < documents.size() && !documents.get(i).isEmpty() ? documents.get(i) : document;
                provenance.add(new Quote(quotes.get(i), section, doc));
            }
            List<Fact> facts = new ArrayList<>();
            for (String property : listOf(all.remove("facts"))) {
                facts.add(new Fact(property, all.get(property), (String) all.remove(property + "_unit"),
                        (Long) all.remove(property + "_year"), (String) all.remove(property + "_qualifier"),
                        (String) all.remove(property + "_quote"), (String) all.remove(property + "_section")));
            }
            all.remove("aliasText");
            all.remove("normalisedName");
            List<RelationshipCount> counts = r.get("counts").asList(v -> new RelationshipCount(
                    v.get("type").asString(), v.get("direction").asString(), v.get("count").asLong()));
            return new Details(id, (String) all.get("name"), (String) all.get("type"),
                    r.get("labels").asList(v -> v.asString()), aliases, new LinkedHashMap<>(all), facts, provenance,
                    counts.stream().sorted(java.util.Comparator.comparing(RelationshipCount::type)
                            .thenComparing(RelationshipCount::direction)).toList());
        }).one()).orElseThrow(() -> new NotFoundException("No entity with id '" + id + "'."));
    }

    @SuppressWarnings("unchecked")
    private static List<String> listOf(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}

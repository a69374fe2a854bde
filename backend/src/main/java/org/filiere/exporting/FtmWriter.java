package org.filiere.exporting;

import org.filiere.graph.RelType;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * FollowTheMoney entities (https://followthemoney.tech), one JSON object per line, as
 * {@code ftm import}/Aleph read them. Companies and joint ventures are {@code Company}, people
 * {@code Person}, every other entity {@code Organization}; ownership links ({@code SUBSIDIARY_OF},
 * {@code OWNS_STAKE_IN}, {@code ACQUIRED}) are {@code Ownership} with owner, asset, percentage and
 * dates, every other link {@code UnknownLink} with the relationship as its role. FtM's
 * {@code Ownership.asset} must be an asset (a {@code Company}), so a link whose asset was written as
 * an {@code Organization} or {@code Person} (Cevital bought a factory, a site) is an
 * {@code UnknownLink} with the same role, which the import reads back as the same relationship.
 */
public final class FtmWriter implements GraphSink {

    /**
     * How a link the source implies without stating it is marked (FtM has no such property): its
     * {@code description} is this prefix and the reason; the FtM import reads it back as
     * {@code inferred} and {@code reason}.
     */
    public static final String INFERRED = "Inferred: ";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutputStream out;
    /**
     * Entities written with a schema that is not an FtM asset. Every export writes the entities
     * before the links; the set holds the few non-company entities (places, sectors, bodies), not the firms.
     */
    private final Set<String> notAssets = new java.util.HashSet<>();

    FtmWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(Set<String> nodeKeys, Set<String> edgeKeys) {
    }

    @Override
    public void node(Map<String, Object> d) throws IOException {
        String type = Values.text(d.get("type"));
        String schema = switch (type) {
            case "Company", "JointVenture" -> "Company";
            case "Person" -> "Person";
            default -> "Organization";
        };
        Map<String, Object> props = new LinkedHashMap<>();
        put(props, "name", Values.list(d.get("name") != null ? d.get("name") : d.get("label")));
        String country = Values.text(d.get("country") != null ? d.get("country") : d.get("iso2"));
        if (!country.isBlank()) put(props, "country", List.of(country.toLowerCase(Locale.ROOT)));
        put(props, "alias", Values.list(d.get("aliases")));
        if (!"Person".equals(schema)) put(props, "sector", Values.list(d.get("sector")));
        put(props, "notes", type.isEmpty() || schema.equals(type) ? List.of() : List.of(type));
        put(props, "publisher", Values.list(d.get("document")));
        put(props, "summary", Values.list(d.get("quotes")));
        if (!"Company".equals(schema)) notAssets.add(Values.text(d.get("id")));
        write(d.get("id"), schema, props);
    }

    @Override
    public void edge(Map<String, Object> d) throws IOException {
        String type = Values.text(d.get("type"));
        String source = Values.text(d.get("source"));
        String target = Values.text(d.get("target"));
        Map<String, Object> props = new LinkedHashMap<>();
        String schema;
        boolean ownership = switch (type) {
            case "SUBSIDIARY_OF", "OWNS_STAKE_IN", "ACQUIRED" -> !notAssets.contains(type.equals("SUBSIDIARY_OF") ? source : target);
            default -> false;
        };
        if (ownership) {
            schema = "Ownership";
            boolean subsidiary = type.equals("SUBSIDIARY_OF");
            put(props, "owner", List.of(subsidiary ? target : source));
            put(props, "asset", List.of(subsidiary ? source : target));
            if (d.get("share") instanceof Number share) {
                put(props, "percentage", List.of(new BigDecimal(share.toString()).movePointRight(2).stripTrailingZeros().toPlainString()));
            }
        } else {
            schema = "UnknownLink";
            put(props, "subject", List.of(source));
            put(props, "object", List.of(target));
        }
        put(props, "role", List.of(RelType.parse(type).map(RelType::phrase).orElse(type)));
        Object start = d.get("start") != null ? d.get("start") : d.get("year");
        put(props, "startDate", Values.list(start));
        put(props, "endDate", Values.list(d.get("end")));
        // Every quote, each one summary (FtM values are lists), so that a re-import keeps them all.
        put(props, "summary", Values.list(d.get("quotes") != null ? d.get("quotes") : d.get("quote")));
        if (Boolean.TRUE.equals(d.get("inferred"))) {
            put(props, "description", List.of(INFERRED + Values.text(d.get("reason"))));
        }
        put(props, "publisher", Values.list(d.get("document")));
        write(d.get("id"), schema, props);
    }

    private static void put(Map<String, Object> props, String name, List<String> values) {
        if (!values.isEmpty()) props.put(name, values);
    }

    private void write(Object id, String schema, Map<String, Object> props) throws IOException {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", Values.text(id));
        entity.put("schema", schema);
        entity.put("properties", props);
        out.write(JSON.writeValueAsString(entity).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}

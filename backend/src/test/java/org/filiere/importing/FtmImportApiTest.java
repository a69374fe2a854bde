package org.filiere.importing;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.HarnessTest;
import org.filiere.support.SharedNeo4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FtmImportApiTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Companies, people and ownerships as OpenSanctions / Aleph write them (ids are theirs, not slugs). */
    private static final String ENTITIES = """
            {"id":"NK-hf7Qe3","schema":"Company","properties":{"name":["Tavrena Holding SA"],"alias":["Tavrena"],"jurisdiction":["lu"],"sector":["automotive"],"publisher":["Registre de commerce"]}}
            {"id":"NK-t4Rk81","schema":"Company","properties":{"name":["Tavrena Maroc SARL"],"country":["ma"]}}
            {"id":"ofac-30112","schema":"Organization","properties":{"name":["Qolvi Trading"],"country":["tn"]}}
            {"id":"Q99321","schema":"LegalEntity","properties":{"name":["RENAULT S.A."]}}
            {"id":"le-cristall","schema":"Company","properties":{"name":["Lesieur Cristall"]}}
            {"id":"pb-1","schema":"PublicBody","properties":{"name":["Agence Zuvrani"],"country":["ma"]}}
            {"id":"p-1","schema":"Person","properties":{"name":["Amina Benqorri"],"nationality":["ma"]}}
            {"id":"p-2","schema":"Person","properties":{"name":["Jean-Luc Varmet"],"alias":["J.-L. Varmet"]}}
            {"id":"own-1","schema":"Ownership","properties":{"owner":["NK-hf7Qe3"],"asset":["NK-t4Rk81"],"percentage":["51"],"startDate":["2012-05-01"],"endDate":["2019"]}}
            {"id":"own-2","schema":"Ownership","properties":{"owner":["p-1"],"asset":["NK-hf7Qe3"],"percentage":["12.5%"],"startDate":["2015"]}}
            {"id":"own-3","schema":"Ownership","properties":{"owner":["Q99321"],"asset":["ofac-30112"],"percentage":["100"]}}
            {"id":"dir-1","schema":"Directorship","properties":{"director":["p-2"],"organization":["NK-t4Rk81"],"role":["Gérant"],"startDate":["2016-01-01"]}}
            {"id":"link-1","schema":"UnknownLink","properties":{"subject":["pb-1"],"object":["NK-t4Rk81"],"role":["subsidy"]}}
            {"id":"addr-1","schema":"Address","properties":{"full":["12 rue X, Tanger"]}}
            {"id":"san-1","schema":"Sanction","properties":{"entity":["ofac-30112"],"authority":["OFAC"]}}
            """;

    private final List<String> datasets = new ArrayList<>();

    private String dataset(String name) {
        String unique = "test-" + name + "-" + System.nanoTime();
        datasets.add(unique);
        return unique;
    }

    @AfterEach
    void removeImportedData() {
        datasets.forEach(Graph::deleteDataset);
    }

    private Api.Response upload(String dataset, String ftm) {
        return api.postMultipart("/api/imports", Map.of("dataset", dataset),
                Map.of("ftm", Map.entry("entities.ftm.json", ftm.getBytes(StandardCharsets.UTF_8))), "admin", HarnessTest.ADMIN_PASSWORD);
    }

    @Test
    void imports_companies_people_and_ownerships_with_their_percentages_dates_and_provenance() {
        long nodes = Graph.entities();
        long rels = Graph.entityRelationships();
        String name = dataset("ftm");
        Api.Response accepted = upload(name, ENTITIES);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode job = api.awaitImport(accepted);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("rowsTotal").asLong()).isEqualTo(15);
        // Seven entities are new; "RENAULT S.A." is IPEMED's Renault. The address and the sanction are not mapped.
        assertThat(job.get("nodes").get("created").asLong()).isEqualTo(7);
        assertThat(job.get("nodes").get("matched").asLong()).isEqualTo(1);
        assertThat(job.get("relationships").get("created").asLong()).isEqualTo(5);
        assertThat(job.get("skipped").asLong()).isEqualTo(2);
        // "Lesieur Cristall" is close to IPEMED's "Lesieur Cristal": created, and flagged for review.
        assertThat(job.get("flagged").asLong()).isEqualTo(1);
        assertThat(Graph.entities()).isEqualTo(nodes + 7);
        assertThat(Graph.entityRelationships()).isEqualTo(rels + 6);

        Map<String, Object> d = Map.of("d", name);
        assertThat(Graph.count("""
                MATCH (h:Entity:Company {id: 'nk-hf7qe3'})-[r:OWNS_STAKE_IN]->(m:Entity:Company {id: 'nk-t4rk81'})
                WHERE h.name = 'Tavrena Holding SA' AND h.aliases = ['Tavrena'] AND h.country = 'LU' AND h.sector = 'Automotive'
                  AND h.ftmId = 'NK-hf7Qe3' AND h.document = 'Registre de commerce' AND m.country = 'MA'
                  AND r.share = 0.51 AND r.start = 2012 AND r.end = 2019 AND r.ftmId = 'own-1'
                  AND h.dataset = $d AND h.file = 'entities.ftm.json' AND h.row = 1 AND h.importedBy = 'admin' AND h.importedAt IS NOT NULL
                  AND r.dataset = $d AND r.file = 'entities.ftm.json' AND r.row = 9 AND r.importedBy = 'admin' AND r.importedAt IS NOT NULL
                RETURN count(r)""", d)).isEqualTo(1);
        assertThat(Graph.count("""
                MATCH (:Entity:Person {id: 'p-1', country: 'MA'})-[r:OWNS_STAKE_IN {share: 0.125, start: 2015}]->(:Entity {id: 'nk-hf7qe3'})
                RETURN count(r)""")).isEqualTo(1);
        assertThat(Graph.count("""
                MATCH (:Entity {id: 'renault', dataset: 'ipemed'})-[r:OWNS_STAKE_IN {share: 1.0, dataset: $d}]->(:Entity {id: 'ofac-30112'})
                RETURN count(r)""", d)).isEqualTo(1);
        assertThat(Graph.count("""
                MATCH (:Entity:Person {id: 'p-2'})-[r:DIRECTOR_OF {role: 'Gérant', start: 2016}]->(:Entity {id: 'nk-t4rk81'})
                RETURN count(r)""")).isEqualTo(1);
        assertThat(Graph.count("""
                MATCH (:Entity:Institution {id: 'pb-1'})-[r:LINKED_TO {role: 'subsidy'}]->(:Entity {id: 'nk-t4rk81'}) RETURN count(r)"""))
                .isEqualTo(1);
        assertThat(Graph.count("""
                MATCH (:Entity {id: 'le-cristall', dataset: $d})-[r:POSSIBLY_SAME_AS {dataset: $d}]-(:Entity {id: 'lesieur-cristal'})
                RETURN count(r)""", d)).isEqualTo(1);
        assertThat(Graph.count("MATCH (n:Entity {dataset: $d}) WHERE n.id IN ['addr-1', 'san-1'] RETURN count(n)", d)).isZero();

        // Idempotent.
        JsonNode again = api.awaitImport(upload(name, ENTITIES));
        assertThat(again.get("status").asString()).isEqualTo("succeeded");
        assertThat(again.get("nodes").get("created").asLong()).isZero();
        assertThat(again.get("nodes").get("matched").asLong()).isEqualTo(8);
        assertThat(again.get("relationships").get("created").asLong()).isZero();
        assertThat(again.get("relationships").get("matched").asLong()).isEqualTo(5);
        assertThat(again.get("flagged").asLong()).isZero();
        assertThat(Graph.entities()).isEqualTo(nodes + 7);
        assertThat(Graph.entityRelationships()).isEqualTo(rels + 6);
    }

    @Test
    void rejects_a_file_with_broken_lines_unknown_schemata_and_dangling_links_and_writes_nothing() {
        long nodes = Graph.entities();
        String bad = """
                {"id":"ok-1","schema":"Company","properties":{"name":["Fine Firm"]}}
                {"id":"x" "schema":"Company"}
                {"id":"s-1","schema":"Spaceship","properties":{"name":["Enterprise"]}}
                {"id":"own-9","schema":"Ownership","properties":{"asset":["ok-1"],"percentage":["lots"]}}
                {"id":"own-8","schema":"Ownership","properties":{"owner":["nobody-we-know-of"],"asset":["ok-1"]}}
                {"id":"ok-1","schema":"Company","properties":{"name":["Fine Firm again"]}}
                {"id":"p-9","schema":"Person","properties":{}}
                """;
        Api.Response r = upload(dataset("ftm-bad"), bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        List<String> found = new ArrayList<>();
        r.json().get("errors").forEach(e -> found.add(e.get("row").asInt() + ":" + (e.get("column").isNull() ? "-" : e.get("column").asString())));
        assertThat(found).containsExactlyInAnyOrder("2:-", "3:schema", "4:properties.owner", "4:properties.percentage",
                "5:source", "6:id", "7:properties.name");
        assertThat(Graph.entities()).isEqualTo(nodes);
    }

    @Test
    void an_ftm_export_imports_back_with_the_same_ids_types_directions_and_inferred_links() {
        String exported = api.download("/api/graph/tiers/renault-tanger?depth=2&format=ftm").text();
        Api.Response answer = api.get("/api/graph/tiers/renault-tanger?depth=2");
        int nodeCount = answer.ids("nodes").size();
        int edgeCount = answer.ids("edges").size();
        long before = Graph.entities();
        JsonNode job = api.awaitImport(upload(dataset("ftm-roundtrip"), exported));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        // Every entity comes back to its own id, every link to its own type and direction: all matched, none new.
        assertThat(job.get("nodes").get("created").asLong()).isZero();
        assertThat(job.get("nodes").get("matched").asLong()).isEqualTo(nodeCount);
        assertThat(job.get("relationships").get("created").asLong()).isZero();
        assertThat(job.get("relationships").get("matched").asLong()).isEqualTo(edgeCount);
        assertThat(Graph.entities()).isEqualTo(before);

        // A fresh copy (ids prefixed, names reversed so that none is taken for an entity of the graph):
        // the links the report implies come back inferred, with their reason.
        String name = dataset("ftm-copy");
        StringBuilder copy = new StringBuilder();
        for (String line : exported.split("\n")) {
            if (line.isBlank()) continue;
            ObjectNode e = (ObjectNode) JSON.readTree(line);
            e.put("id", "fc-" + e.get("id").asString());
            ObjectNode props = (ObjectNode) e.get("properties");
            if (props.has("name")) {
                List<String> reversed = new ArrayList<>();
                props.get("name").forEach(v -> reversed.add(new StringBuilder(v.asString()).reverse().toString()));
                ArrayNode a = props.putArray("name");
                reversed.forEach(a::add);
                props.remove("alias");
            }
            for (String k : List.of("subject", "object", "owner", "asset")) {
                if (!props.has(k)) continue;
                List<String> ends = new ArrayList<>();
                props.get(k).forEach(v -> ends.add("fc-" + v.asString()));
                ArrayNode a = props.putArray(k);
                ends.forEach(a::add);
            }
            copy.append(e).append('\n');
        }
        JsonNode copied = api.awaitImport(upload(name, copy.toString()));
        assertThat(copied.get("status").asString()).as(copied.toString()).isEqualTo("succeeded");
        List<String> expected = new ArrayList<>();
        for (JsonNode e : answer.json().get("edges")) {
            if (e.get("data").get("inferred").asBoolean()) expected.add(e.get("data").get("reason").asString());
        }
        assertThat(expected).isNotEmpty();
        List<String> reasons = new ArrayList<>();
        SharedNeo4j.get().defaultDatabaseService().executeTransactionally(
                "MATCH (:Entity)-[r {dataset: $d}]->(:Entity) WHERE r.inferred RETURN r.reason AS reason", Map.of("d", name),
                rows -> { rows.forEachRemaining(row -> reasons.add((String) row.get("reason"))); return null; });
        assertThat(reasons).containsExactlyInAnyOrderElementsOf(expected);
        // The copy's possibly-same links are left out: the import adds its own, between each copy and its original.
        int possiblySame = 0;
        for (JsonNode e : answer.json().get("edges")) {
            if (e.get("data").get("type").asString().equals("POSSIBLY_SAME_AS") && !e.get("data").get("inferred").asBoolean()) possiblySame++;
        }
        assertThat(possiblySame).as("the tier answer draws the pair of tier 1 that may be one firm").isEqualTo(1);
        assertThat(Graph.count("MATCH (:Entity)-[r {dataset: $d}]->(:Entity) WHERE NOT r.inferred AND type(r) <> 'POSSIBLY_SAME_AS' RETURN count(r)", Map.of("d", name)))
                .isEqualTo(edgeCount - expected.size() - possiblySame);
        // Every quote of every entity and link comes back, in order: where each is written stays with the copy.
        assertThat(Graph.count("""
                MATCH (n:Entity) WHERE n.dataset = $d AND n.id STARTS WITH 'fc-'
                MATCH (o:Entity {id: substring(n.id, 3)})
                WHERE size(o.quotes) > 1 AND n.quotes = o.quotes RETURN count(n)""", Map.of("d", name))).isPositive();
        assertThat(Graph.count("""
                MATCH (n:Entity) WHERE n.dataset = $d AND n.id STARTS WITH 'fc-'
                MATCH (o:Entity {id: substring(n.id, 3)})
                WHERE coalesce(n.quotes, []) <> coalesce(o.quotes, []) RETURN count(n)""", Map.of("d", name))).isZero();
        assertThat(Graph.count("""
                MATCH (a:Entity)-[c {dataset: $d}]->(b:Entity) WHERE NOT c.inferred AND type(c) <> 'POSSIBLY_SAME_AS'
                MATCH (:Entity {id: substring(a.id, 3)})-[o]->(:Entity {id: substring(b.id, 3)}) WHERE type(o) = type(c)
                  AND coalesce(c.quotes, []) <> coalesce(o.quotes, []) RETURN count(c)""", Map.of("d", name))).isZero();
    }
}

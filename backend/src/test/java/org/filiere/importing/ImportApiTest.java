package org.filiere.importing;

import org.filiere.graph.Endpoints;
import org.filiere.graph.RelType;
import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.filiere.support.HarnessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ImportApiTest extends ApiTest {

    private static final String NODES = """
            id,name,type,country,sector,aliases,source_document,quote
            imp-acme,Acme Maroc,Company,MA,automotive,ACME;Acme SA,supplier-list.pdf,"Acme, a Tangier supplier"
            imp-widgets,Widgets Ltd,Company,fr,,,,
            """;
    private static final String RELATIONSHIPS = """
            source,target,type,year,start,end,share,tier,source_document,quote
            imp-acme,renault-tanger,SUPPLIES,2012,,,,1,supplier-list.pdf,Acme supplies the plant
            imp-widgets,imp-acme,OWNS_STAKE_IN,,2010,2020,0.4,,,
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

    private Api.Response upload(String dataset, String nodes, String relationships) {
        Map<String, Map.Entry<String, byte[]>> files = new LinkedHashMap<>();
        if (nodes != null) files.put("nodes", Map.entry("nodes.csv", nodes.getBytes(StandardCharsets.UTF_8)));
        if (relationships != null) files.put("relationships", Map.entry("relationships.csv", relationships.getBytes(StandardCharsets.UTF_8)));
        return api.postMultipart("/api/imports", Map.of("dataset", dataset), files, "admin", HarnessTest.ADMIN_PASSWORD);
    }

    @Test
    void imports_nodes_and_relationships_with_provenance_and_links_them_to_the_existing_graph() {
        String name = dataset("basic");
        Map<String, Integer> sectorsBefore = exposureBySector();
        Api.Response accepted = upload(name, NODES, RELATIONSHIPS);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("status").asString()).isIn("queued", "running", "succeeded");
        assertThat(accepted.json().get("rowsTotal").asLong()).isEqualTo(4);
        JsonNode r = api.awaitImport(accepted);
        assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("succeeded");
        assertThat(r.get("rowsDone").asLong()).isEqualTo(4);
        assertThat(r.get("dataset").asString()).isEqualTo(name);
        assertThat(r.get("importedBy").asString()).isEqualTo("admin");
        assertThat(r.get("startedAt").asString()).isNotBlank();
        assertThat(r.get("finishedAt").asString()).isNotBlank();
        assertThat(r.get("errors")).isEmpty();
        assertThat(r.get("flagged").asLong()).isZero();
        assertThat(r.get("nodes").get("created").asLong()).isEqualTo(2);
        assertThat(r.get("relationships").get("created").asLong()).isEqualTo(2);
        assertThat(api.get("/api/imports/" + r.get("id").asString()).json().get("status").asString()).isEqualTo("succeeded");
        List<String> listed = new ArrayList<>();
        api.get("/api/imports").json().forEach(j -> listed.add(j.get("id").asString()));
        assertThat(listed).contains(r.get("id").asString());
        Api.Response unknown = api.get("/api/imports/no-such-job");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(Graph.count("""
                MATCH (n:Entity:Company {id: 'imp-acme'}) WHERE n.dataset = $d AND n.file = 'nodes.csv' AND n.row = 2
                  AND n.importedBy = 'admin' AND n.importedAt IS NOT NULL AND n.country = 'MA' AND n.aliases = ['ACME', 'Acme SA']
                RETURN count(n)""", Map.of("d", name))).isEqualTo(1);
        assertThat(Graph.count("""
                MATCH (:Entity {id: 'imp-acme'})-[r:SUPPLIES {id: 'imp-acme.SUPPLIES.renault-tanger'}]->(:Entity {id: 'renault-tanger'})
                WHERE r.dataset = $d AND r.row = 2 AND r.year = 2012 AND r.tier = 1 AND r.file = 'relationships.csv'
                RETURN count(r)""", Map.of("d", name))).isEqualTo(1);
        // The imported firm is searchable and reachable through the traversals.
        assertThat(api.get("/api/graph/tiers/renault-tanger?depth=1").ids("nodes")).contains("imp-acme");
        assertThat(api.get("/api/search?q=acme").body()).contains("imp-acme");
        // Counted by side and sector like the report's firms: South from its country, and its sector
        // "automotive" written as the report's sector "Automotive", so that it is counted as one with it.
        assertThat(Graph.count("MATCH (n:Entity {id: 'imp-acme'}) WHERE n.side = 'south' RETURN count(n)")).isEqualTo(1);
        assertThat(Graph.count("MATCH (n:Entity {id: 'imp-widgets'}) WHERE n.side = 'north' RETURN count(n)")).isEqualTo(1);
        Map<String, Integer> sectorsAfter = exposureBySector();
        assertThat(sectorsAfter).doesNotContainKey("automotive");
        assertThat(sectorsAfter.get("Automotive")).isEqualTo(sectorsBefore.getOrDefault("Automotive", 0) + 1);
        JsonNode acme = null;
        for (JsonNode n : api.get("/api/graph/tiers/renault-tanger?depth=1").json().get("nodes")) {
            if (n.get("data").get("id").asString().equals("imp-acme")) acme = n.get("data");
        }
        assertThat(acme).isNotNull();
        assertThat(acme.get("sectors").toString()).isEqualTo("[\"Automotive\"]");
    }

    private Map<String, Integer> exposureBySector() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode cell : api.get("/api/analytics/exposure/renault-tanger?direction=upstream&depth=1").json().get("bySector")) {
            counts.merge(cell.get("key").asString(), cell.get("count").asInt(), Integer::sum);
        }
        return counts;
    }

    @Test
    void writes_one_spelling_per_sector_whatever_the_case_of_the_rows() {
        String name = dataset("sectors");
        String nodes = """
                id,name,type,country,sector,aliases,source_document,quote
                imp-s1,Solar One,Company,MA,Solar panels,,,
                imp-s2,Solar Two,Company,MA,SOLAR PANELS,,,
                imp-s3,Builder,Company,MA,construction,,,
                """;
        assertThat(api.awaitImport(upload(name, nodes, null)).get("status").asString()).isEqualTo("succeeded");
        // The first spelling of the upload for a new sector; the sector entity's name for a known one.
        assertThat(Graph.count("MATCH (n:Entity) WHERE n.id IN ['imp-s1', 'imp-s2'] AND n.sector = 'Solar panels' RETURN count(n)")).isEqualTo(2);
        assertThat(Graph.count("MATCH (n:Entity {id: 'imp-s3'}) WHERE n.sector = 'Construction' RETURN count(n)")).isEqualTo(1);
    }

    @Test
    void importing_the_same_files_twice_changes_nothing() {
        String name = dataset("twice");
        assertThat(api.awaitImport(upload(name, NODES, RELATIONSHIPS)).get("status").asString()).isEqualTo("succeeded");
        long nodes = Graph.entities();
        long rels = Graph.entityRelationships();
        JsonNode again = api.awaitImport(upload(name, NODES, RELATIONSHIPS));
        assertThat(again.get("status").asString()).isEqualTo("succeeded");
        assertThat(again.get("nodes").get("created").asLong()).isZero();
        assertThat(again.get("nodes").get("matched").asLong()).isEqualTo(2);
        assertThat(again.get("relationships").get("created").asLong()).isZero();
        assertThat(again.get("relationships").get("matched").asLong()).isEqualTo(2);
        assertThat(Graph.entities()).isEqualTo(nodes);
        assertThat(Graph.entityRelationships()).isEqualTo(rels);
    }

    @Test
    void reports_every_error_of_the_upload_and_writes_nothing() {
        String name = dataset("invalid");
        long nodes = Graph.entities();
        long rels = Graph.entityRelationships();
        String badNodes = """
                id,name,type,country,sector,aliases,source_document,quote
                imp-ok,Fine,Company,MA,,,,
                imp-bad-type,Bad,Spaceship,MA,,,,
                ,No id,Company,MA,,,,
                imp-short,Too few columns
                """;
        String badRels = """
                source,target,type,year,start,end,share,tier,source_document,quote
                imp-ok,renault,SUPPLIES,20x2,,,,,,
                imp-ok,renault,OWNS_STAKE_IN,,,,1.5,,,
                imp-ok,nobody-knows-this-firm,PARTNER_OF,,,,,,,
                imp-ok,renault,TELEPORTS_TO,,,,,,,
                """;
        Api.Response r = upload(name, badNodes, badRels);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        List<String> found = new ArrayList<>();
        for (JsonNode e : r.json().get("errors")) {
            found.add(e.get("file").asString() + ":" + e.get("row").asInt() + ":" + (e.get("column").isNull() ? "-" : e.get("column").asString()));
            assertThat(e.get("message").asString()).isNotBlank();
        }
        assertThat(found).contains("nodes.csv:3:type", "nodes.csv:4:id", "nodes.csv:5:-",
                "relationships.csv:2:year", "relationships.csv:3:share", "relationships.csv:4:target", "relationships.csv:5:type");
        // Each once: the pass that looks up missing endpoints does not report the rows' other errors again.
        assertThat(found).doesNotHaveDuplicates();
        assertThat(r.json().get("errorCount").asInt()).isEqualTo(found.size());
        assertThat(Graph.entities()).isEqualTo(nodes);
        assertThat(Graph.entityRelationships()).isEqualTo(rels);
        assertThat(Graph.count("MATCH (n {id: 'imp-ok'}) RETURN count(n)")).isZero();
    }

    @Test
    void stores_a_symmetric_link_once_whichever_way_the_files_give_it() {
        String name = dataset("symmetric");
        String nodes = "id,name,type\n" + name + "-zeta,Zeta Partner,Company\n" + name + "-alpha,Alpha Partner,Company\n";
        JsonNode first = api.awaitImport(upload(name, nodes, "source,target,type\n" + name + "-zeta," + name + "-alpha,PARTNER_OF\n"));
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("succeeded");
        // Ends in alphabetical order, as curation stores it, so the curation API finds it by that id.
        String id = name + "-alpha.PARTNER_OF." + name + "-zeta";
        assertThat(new org.filiere.support.Http(port).get("/api/relationships/" + id).status()).isEqualTo(200);
        JsonNode again = api.awaitImport(upload(name, nodes, "source,target,type\n" + name + "-alpha," + name + "-zeta,PARTNER_OF\n"));
        assertThat(again.get("relationships").get("matched").asLong()).isEqualTo(1);
        assertThat(Graph.count("MATCH (a:Entity)-[r:PARTNER_OF]-(b:Entity) WHERE a.id = $a AND b.id = $b RETURN count(r)",
                Map.of("a", name + "-alpha", "b", name + "-zeta"))).isEqualTo(1);
    }

    @Test
    void stores_a_customer_link_as_the_supply_link_it_states() {
        String name = dataset("customers");
        String nodes = "id,name,type\n" + name + "-maker,Maker,Company\n" + name + "-buyer,Buyer,Company\n";
        JsonNode first = api.awaitImport(upload(name, nodes, "source,target,type,quote\n" + name + "-buyer," + name
                + "-maker,CUSTOMER_OF,Buyer is among Maker's clients\n"));
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("succeeded");
        String id = name + "-maker.SUPPLIES." + name + "-buyer";
        assertThat(new org.filiere.support.Http(port).get("/api/relationships/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/graph/tiers/" + name + "-maker?direction=downstream&depth=1").ids("nodes")).contains(name + "-buyer");
        // The same fact given the supply way round is the same link.
        JsonNode again = api.awaitImport(upload(name, nodes, "source,target,type,quote\n" + name + "-maker," + name
                + "-buyer,SUPPLIES,Buyer is among Maker's clients\n"));
        assertThat(again.get("relationships").get("matched").asLong()).isEqualTo(1);
        assertThat(Graph.count("MATCH (a:Entity {id: $a})-[r]-(b:Entity {id: $b}) RETURN count(r)",
                Map.of("a", name + "-maker", "b", name + "-buyer"))).isEqualTo(1);
        // Both ways in one file are one link given twice.
        Api.Response both = upload(name, nodes, "source,target,type\n" + name + "-buyer," + name + "-maker,CUSTOMER_OF\n"
                + name + "-maker," + name + "-buyer,SUPPLIES\n");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors").toString()).contains("Duplicate relationship: already on row 2");
    }

    @Test
    void refuses_a_new_type_that_a_link_of_the_entity_cannot_have_and_imports_nothing() {
        String name = dataset("retype");
        JsonNode first = api.awaitImport(upload(name, "id,name,type\n" + name + "-acme,Acme Retyped,Company\n",
                "source,target,type\n" + name + "-acme,renault,SUPPLIES\n"));
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("succeeded");
        long before = Graph.entityRelationships();
        // The same dataset now says Acme is a country: its supply link, still in the graph, could not stay.
        JsonNode job = api.awaitImport(upload(name, "id,name,type\n" + name + "-acme,Acme Retyped,Country\n", null));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("failed");
        assertThat(job.get("errors").toString()).contains("Row 2 of nodes.csv: entity '" + name + "-acme' would change type from Company to Country")
                .contains(name + "-acme SUPPLIES renault").contains("Nothing was imported");
        assertThat(Graph.count("MATCH (n:Entity:Company {id: $id, type: 'Company'}) RETURN count(n)", Map.of("id", name + "-acme")))
                .isEqualTo(1);
        assertThat(Graph.entityRelationships()).isEqualTo(before);
        // A new type its links allow is taken.
        JsonNode ok = api.awaitImport(upload(name, "id,name,type\n" + name + "-acme,Acme Retyped,JointVenture\n", null));
        assertThat(ok.get("status").asString()).as(ok.toString()).isEqualTo("succeeded");
    }

    @Test
    void a_file_naming_a_merged_entity_by_its_old_id_links_to_the_survivor_and_does_not_bring_it_back() {
        String name = dataset("merged");
        String keep = name + "-acme-maroc";
        String drop = name + "-acme-morocco";
        String nodes = "id,name,type\n" + keep + ",Acme Maroc,Company\n" + drop + ",ACME Morocco,Company\n";
        String rels = "source,target,type\n" + drop + ",renault,SUPPLIES\n";
        assertThat(api.awaitImport(upload(name, nodes, rels)).get("status").asString()).isEqualTo("succeeded");
        org.filiere.support.Http admin = new org.filiere.support.Http(port).admin();
        assertThat(admin.post("/api/entities/" + keep + "/merge", Map.of("other", drop)).status()).isEqualTo(200);

        // The same files again, one more link from the old id, and a file of links only that names it.
        JsonNode again = api.awaitImport(upload(name, nodes, rels + drop + ",renault-tanger,SUPPLIES\n"));
        assertThat(again.get("status").asString()).as(again.toString()).isEqualTo("succeeded");
        assertThat(again.get("nodes").get("created").asLong()).isZero();
        JsonNode linksOnly = api.awaitImport(upload(name, null, "source,target,type\nvaleo," + drop + ",SUPPLIES\n"));
        assertThat(linksOnly.get("status").asString()).as(linksOnly.toString()).isEqualTo("succeeded");

        assertThat(Graph.count("MATCH (n:Entity {id: $id}) RETURN count(n)", Map.of("id", drop))).isZero();
        assertThat(Graph.count("MATCH (n:Entity {id: $id}) WHERE n.name = 'Acme Maroc' RETURN count(n)", Map.of("id", keep))).isEqualTo(1);
        assertThat(Graph.count("""
                MATCH ()-[r:SUPPLIES]->() WHERE r.id IN [$k + '.SUPPLIES.renault', $k + '.SUPPLIES.renault-tanger', 'valeo.SUPPLIES.' + $k]
                RETURN count(r)""", Map.of("k", keep))).isEqualTo(3);
        assertThat(Graph.count("MATCH (:Entity {id: $k})-[r:SUPPLIES]->(:Entity {id: 'renault'}) RETURN count(r)", Map.of("k", keep)))
                .isEqualTo(1);

        // Two rows that now give one link are one write; a link between the two merged entities is skipped.
        JsonNode folded = api.awaitImport(upload(name, null, "source,target,type\n" + drop + ",renault,SUPPLIES\n"
                + keep + ",renault,SUPPLIES\n" + keep + "," + drop + ",PARTNER_OF\n"));
        assertThat(folded.get("status").asString()).as(folded.toString()).isEqualTo("succeeded");
        assertThat(folded.get("relationships").get("created").asLong()).isZero();
        assertThat(folded.get("relationships").get("matched").asLong()).isEqualTo(2);
        assertThat(folded.get("skipped").asLong()).isEqualTo(1);
        assertThat(Graph.count("MATCH (n:Entity {id: $k})-[r:PARTNER_OF]-(n) RETURN count(r)", Map.of("k", keep))).isZero();
    }

    @Test
    void a_finished_job_can_still_be_read_after_a_restart() {
        String name = dataset("record");
        JsonNode job = api.awaitImport(upload(name, "id,name,type\n" + name + "-x,Recorded Firm,Company\n", null));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        String id = job.get("id").asString();
        // A second application on the same database has no job in memory, as after a restart: it reads the record.
        try (var other = new org.springframework.boot.builder.SpringApplicationBuilder(org.filiere.FiliereApplication.class)
                .properties(Map.of("NEO4J_URI", org.filiere.support.SharedNeo4j.boltUri(), "NEO4J_PASSWORD", "unused",
                        "FILIERE_ADMIN_PASSWORD", HarnessTest.ADMIN_PASSWORD, "PORT", "0", "logging.level.root", "warn",
                        "filiere.dataset.autoload", "false")).run()) {
            int otherPort = ((org.springframework.boot.web.server.context.WebServerApplicationContext) other).getWebServer().getPort();
            org.filiere.support.Http admin = new org.filiere.support.Http(otherPort).admin();
            var again = admin.get("/api/imports/" + id);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("status").asString()).isEqualTo("succeeded");
            assertThat(again.json().get("dataset").asString()).isEqualTo(name);
            assertThat(again.json().get("nodes").get("created").asLong()).isEqualTo(1);
            assertThat(admin.get("/api/imports?limit=100").body()).contains(id);
            assertThat(admin.get("/api/imports/no-such-job").status()).isEqualTo(404);
        }
    }

    @Test
    void refuses_at_upload_links_whose_ends_the_type_cannot_join_as_curation_does() {
        long before = Graph.entityRelationships();
        String name = dataset("directions");
        Api.Response refused = upload(name, "id,name,type\n" + name + "-acme,Acme Directions,Company\n" + name + "-land,Acme Land,Country\n",
                "source,target,type\n" + name + "-acme,renault,SUPPLIES\nmorocco,renault,SUPPLIES\n"
                        + name + "-land," + name + "-acme,SUPPLIES\n" + name + "-acme,renault,IN_SECTOR\n");
        assertThat(refused.status()).isEqualTo(400);
        // Both kinds of end: one in the graph (row 3), both in the nodes file (row 4); each row named with its rule.
        List<String> messages = new ArrayList<>();
        refused.json().get("errors").forEach(e -> messages.add(e.get("row").asInt() + " " + e.get("column").asString() + " " + e.get("message").asString()));
        assertThat(messages).containsExactlyInAnyOrder(
                "3 type morocco → renault: SUPPLIES cannot go from a Country to a Company: it goes " + Endpoints.rule(RelType.SUPPLIES).description() + ".",
                "4 type " + name + "-land → " + name + "-acme: SUPPLIES cannot go from a Country to a Company: it goes "
                        + Endpoints.rule(RelType.SUPPLIES).description() + ".",
                "5 type " + name + "-acme → renault: IN_SECTOR cannot go from a Company to a Company: it goes "
                        + Endpoints.rule(RelType.IN_SECTOR).description() + ".");
        assertThat(Graph.entityRelationships()).isEqualTo(before);
        assertThat(Graph.count("MATCH (n:Entity {dataset: $d}) RETURN count(n)", Map.of("d", name))).isZero();
    }

    @Test
    void fails_the_job_and_imports_nothing_when_a_matched_entity_keeps_a_type_its_new_link_cannot_join() {
        long before = Graph.entityRelationships();
        String name = dataset("directions-matched");
        // The file calls Morocco a company; the graph's Morocco (IPEMED's) is matched and stays a
        // country, so the check of the upload passes and the write refuses the link.
        JsonNode job = api.awaitImport(upload(name, "id,name,type\n" + name + "-acme,Acme Directions,Company\nmorocco,Morocco,Company\n",
                "source,target,type\n" + name + "-acme,renault,SUPPLIES\nmorocco,renault,SUPPLIES\n"));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("failed");
        assertThat(job.get("errors").toString()).contains("Row 3").contains("morocco → renault")
                .contains("SUPPLIES cannot go from a Country to a Company");
        assertThat(Graph.entityRelationships()).isEqualTo(before);
        assertThat(Graph.count("MATCH (n:Entity {dataset: $d}) RETURN count(n)", Map.of("d", name))).isZero();
        assertThat(Graph.count("MATCH (n:Country {id: 'morocco'}) RETURN count(n)")).isEqualTo(1);
    }

    @Test
    void rejects_unknown_columns_a_missing_or_reserved_dataset_name_and_an_empty_upload() {
        Api.Response columns = upload(dataset("columns"), "id,type,colour\nx,Company,red\n", null);
        assertThat(columns.status()).isEqualTo(400);
        assertThat(columns.json().get("errors").get(0).get("column").asString()).isEqualTo("colour");
        assertThat(upload("", NODES, null).json().get("parameter").asString()).isEqualTo("dataset");
        assertThat(upload("ipemed", NODES, null).status()).isEqualTo(400);
        // What curators create: a re-import under that name would overwrite their work unaudited.
        Api.Response curation = upload("curation", NODES, null);
        assertThat(curation.status()).isEqualTo(400);
        assertThat(curation.json().get("parameter").asString()).isEqualTo("dataset");
        assertThat(curation.json().get("detail").asString()).contains("curators");
        assertThat(upload(dataset("empty"), null, null).status()).isEqualTo(400);
        Api.Response inferred = upload(dataset("inferred"), null,
                "source,target,type,inferred,reason\nrenault,valeo,PARTNER_OF,maybe,\nrenault,leoni,PARTNER_OF,true,\n");
        assertThat(inferred.status()).isEqualTo(400);
        assertThat(inferred.body()).contains("Must be true, false or empty").contains("needs its reason");
        // A name of thousands of characters (too large for Neo4j to index) is refused before anything is written.
        Api.Response longName = upload(dataset("long"), "id,name,type\nlong-name," + "x".repeat(5000) + ",Company\n", null);
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.json().get("errors").get(0).get("column").asString()).isEqualTo("name");
        assertThat(longName.json().get("errors").get(0).get("message").asString()).isEqualTo("At most 300 characters (got 5000).");
        Api.Response emptyFile = upload(dataset("empty"), "", null);
        assertThat(emptyFile.status()).isEqualTo(400);
        assertThat(emptyFile.json().get("detail").asString()).isEqualTo("'nodes' is empty: the file sent has no content.");
    }

    @Test
    void a_tiers_answer_exported_as_csv_imports_again_with_the_same_ids_types_links_dates_and_first_quotes() throws Exception {
        Api.Download zip = api.download("/api/graph/tiers/renault-tanger?depth=2&format=csv");
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Api.Response answer = api.get("/api/graph/tiers/renault-tanger?depth=2");
        List<String> nodeIds = answer.ids("nodes");
        List<String> edgeIds = answer.ids("edges");

        // As is: every entity and relationship is already in the graph, matched and left alone.
        long before = Graph.entities();
        JsonNode same = api.awaitImport(upload(dataset("roundtrip-same"), files.get("nodes.csv"), files.get("relationships.csv")));
        assertThat(same.get("status").asString()).as(same.toString()).isEqualTo("succeeded");
        assertThat(same.get("nodes").get("created").asLong()).isZero();
        assertThat(same.get("nodes").get("matched").asLong()).isEqualTo(nodeIds.size());
        assertThat(same.get("relationships").get("matched").asLong()).isEqualTo(edgeIds.size());
        assertThat(Graph.entities()).isEqualTo(before);
        assertThat(Graph.count("MATCH (n:Entity {id: 'renault-tanger'}) WHERE n.dataset = 'ipemed' RETURN count(n)")).isEqualTo(1);

        // Renamed with a prefix: a fresh copy of the answer, the same ids (prefixed) and edges.
        String name = dataset("roundtrip-copy");
        JsonNode copy = api.awaitImport(upload(name, prefix(files.get("nodes.csv"), 0), prefix(prefix(files.get("relationships.csv"), 0), 1)));
        assertThat(copy.get("status").asString()).as(copy.toString()).isEqualTo("succeeded");
        assertThat(copy.get("nodes").get("created").asLong()).isEqualTo(nodeIds.size());
        for (String id : nodeIds) {
            assertThat(Graph.count("MATCH (n:Entity {id: $id, dataset: $d}) RETURN count(n)", Map.of("id", "rt-" + id, "d", name)))
                    .as(id).isEqualTo(1);
        }
        long inferred = 0;
        for (JsonNode e : answer.json().get("edges")) {
            JsonNode d = e.get("data");
            String id = "rt-" + d.get("source").asString() + "." + d.get("type").asString() + ".rt-" + d.get("target").asString();
            // A link the report implies without stating it stays one, with its reason.
            boolean implied = d.get("inferred").asBoolean();
            if (implied) inferred++;
            // A stated link keeps its reason too (why two names may be one firm).
            String reason = d.hasNonNull("reason") ? d.get("reason").asString() : "";
            assertThat(Graph.count("""
                    MATCH (:Entity)-[r {id: $id, dataset: $d}]->(:Entity)
                    WHERE r.inferred = $inferred AND coalesce(r.reason, '') = $reason
                    RETURN count(r)""", Map.of("id", id, "d", name, "inferred", implied, "reason", reason)))
                    .as(id).isEqualTo(1);
        }
        assertThat(inferred).as("inferred links in the answer").isPositive();
        Api.Response tiers = api.get("/api/graph/tiers/rt-renault-tanger?depth=2");
        assertThat(tiers.ids("nodes")).containsExactlyInAnyOrderElementsOf(nodeIds.stream().map(id -> "rt-" + id).toList());
        // Sectors travel in the sector column (the answer has no sector nodes): the copy's tiers count the same sectors.
        for (int i = 0; i < answer.json().get("meta").get("tiers").size(); i++) {
            assertThat(tiers.json().get("meta").get("tiers").get(i).get("sectors"))
                    .isEqualTo(answer.json().get("meta").get("tiers").get(i).get("sectors"));
        }
        assertThat(files.get("nodes.csv")).contains("\nleoni,Leoni,Company,DE,Automotive,");
        // Each copy against its original: same type, name, aliases, country, sector, document, first quote.
        assertThat(Graph.count("""
                MATCH (n:Entity {dataset: $d}) MATCH (o:Entity {id: substring(n.id, 3)})
                WHERE n.type = o.type AND n.name = o.name AND coalesce(n.aliases, []) = coalesce(o.aliases, [])
                  AND coalesce(toString(n.country), '-') = coalesce(toString(o.country), '-') AND coalesce(toString(n.document), '-') = coalesce(toString(o.document), '-')
                  AND coalesce(toString(n.quotes[0]), '-') = coalesce(toString(o.quotes[0]), '-')
                RETURN count(n)""", Map.of("d", name))).isEqualTo(nodeIds.size());
        assertThat(Graph.count("""
                MATCH (a:Entity)-[c {dataset: $d}]->(b:Entity)
                MATCH (:Entity {id: substring(a.id, 3)})-[o]->(:Entity {id: substring(b.id, 3)})
                WHERE type(o) = type(c) AND coalesce(toString(c.year), '-') = coalesce(toString(o.year), '-') AND coalesce(toString(c.start), '-') = coalesce(toString(o.start), '-')
                  AND coalesce(toString(c.end), '-') = coalesce(toString(o.end), '-') AND coalesce(toString(c.tier), '-') = coalesce(toString(o.tier), '-')
                  AND c.inferred = coalesce(o.inferred, false) AND coalesce(toString(c.reason), '-') = coalesce(toString(o.reason), '-')
                  AND coalesce(toString(c.quotes[0]), '-') = coalesce(toString(o.quotes[0]), '-')
                RETURN count(c)""", Map.of("d", name))).isEqualTo(edgeIds.size());
    }

    @Test
    void a_name_a_spreadsheet_would_run_is_exported_as_text_and_imported_back_as_written() throws Exception {
        // Names come from documents and imports; a journalist opens the export in Excel.
        String name = "=HYPERLINK(\"http://example.org\",\"Acme\") Formula Firm";
        String id = dataset("formula");
        org.filiere.support.Http admin = new org.filiere.support.Http(port).admin();
        assertThat(admin.post("/api/entities", Map.of("id", id, "name", name, "type", "Company")).status()).isEqualTo(201);
        try {
            Api.Download zip = api.download("/api/graph/neighbourhood/" + id + "?format=csv");
            Map<String, String> files = new HashMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            var row = org.apache.commons.csv.CSVParser.parse(files.get("nodes.csv"), org.apache.commons.csv.CSVFormat.DEFAULT).getRecords().get(1);
            assertThat(row.get(1)).isEqualTo("'" + name);

            String copy = dataset("formula-copy");
            JsonNode job = api.awaitImport(upload(copy, prefix(files.get("nodes.csv"), 0), null));
            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
            assertThat(Graph.count("MATCH (n:Entity {id: $id}) WHERE n.name = $name RETURN count(n)",
                    Map.of("id", "rt-" + id, "name", name))).isEqualTo(1);
        } finally {
            admin.delete("/api/entities/" + id);
        }
    }

    /** Prefixes the values of one CSV column with "rt-" (ids never contain commas, so a split is enough here). */
    private static String prefix(String csv, int column) throws Exception {
        StringBuilder out = new StringBuilder();
        var parser = org.apache.commons.csv.CSVParser.parse(csv, org.apache.commons.csv.CSVFormat.DEFAULT);
        var printer = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.DEFAULT);
        boolean header = true;
        for (var record : parser) {
            List<String> values = new ArrayList<>(record.toList());
            if (!header) values.set(column, "rt-" + values.get(column));
            printer.printRecord(values);
            header = false;
        }
        printer.flush();
        return out.toString();
    }
}

package org.filiere.synthetic;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticGeneratorTest {

    static final int FIRMS = 2_000;

    @TempDir static Path dir;
    static Path first;

    @BeforeAll
    static void generate() throws IOException {
        first = dir.resolve("a");
        new SyntheticGenerator(FIRMS, 42).write(first);
    }

    @Test
    void the_same_seed_writes_the_same_files_twice() throws IOException {
        Path second = dir.resolve("b");
        new SyntheticGenerator(FIRMS, 42).write(second);
        for (String f : List.of("nodes.csv", "relationships.csv")) {
            assertThat(Files.mismatch(first.resolve(f), second.resolve(f))).isEqualTo(-1L);
        }
        Path other = dir.resolve("c");
        new SyntheticGenerator(FIRMS, 7).write(other);
        assertThat(Files.mismatch(first.resolve("relationships.csv"), other.resolve("relationships.csv"))).isNotEqualTo(-1L);
    }

    @Test
    void nodes_have_the_expected_counts_per_type_and_no_duplicate_ids() throws IOException {
        Map<String, Integer> perType = new HashMap<>();
        Set<String> ids = new HashSet<>();
        try (CSVParser p = BulkLoader.parser(first.resolve("nodes.csv"))) {
            assertThat(p.getHeaderNames()).isEqualTo(SyntheticGenerator.NODE_HEADER);
            for (CSVRecord r : p) {
                assertThat(ids.add(r.get("id"))).as("duplicate id %s", r.get("id")).isTrue();
                perType.merge(r.get("type"), 1, Integer::sum);
            }
        }
        assertThat(perType).containsEntry("Company", FIRMS).containsEntry("Country", 60).containsEntry("Sector", 25)
                .containsEntry("JointVenture", FIRMS / 200);
        assertThat(ids).contains("firm-000123", "country-fr", "sector-automotive");
    }

    @Test
    void every_relationship_joins_existing_nodes_once_and_supplier_degrees_are_heavy_tailed() throws IOException {
        Set<String> ids = new HashSet<>();
        try (CSVParser p = BulkLoader.parser(first.resolve("nodes.csv"))) {
            p.forEach(r -> ids.add(r.get("id")));
        }
        Set<String> relIds = new HashSet<>();
        Map<String, Integer> out = new HashMap<>();
        Map<String, Integer> perType = new HashMap<>();
        try (CSVParser p = BulkLoader.parser(first.resolve("relationships.csv"))) {
            assertThat(p.getHeaderNames()).isEqualTo(SyntheticGenerator.REL_HEADER);
            for (CSVRecord r : p) {
                assertThat(ids).contains(r.get("source"), r.get("target"));
                assertThat(relIds.add(r.get("source") + "." + r.get("type") + "." + r.get("target"))).isTrue();
                perType.merge(r.get("type"), 1, Integer::sum);
                if (r.get("type").equals("SUPPLIES")) out.merge(r.get("source"), 1, Integer::sum);
            }
        }
        assertThat(perType.keySet()).contains("SUPPLIES", "SUBSIDIARY_OF", "INSTALLED_IN", "ORIGINATES_FROM", "IN_SECTOR",
                "PARTNER_OF", "ACQUIRED", "PARTY_TO");
        assertThat(perType.get("IN_SECTOR")).isEqualTo(FIRMS);
        List<Integer> degrees = new ArrayList<>(out.values());
        degrees.sort(null);
        int median = degrees.get(degrees.size() / 2);
        int max = degrees.get(degrees.size() - 1);
        assertThat(max).isGreaterThan(10 * median);
    }
}

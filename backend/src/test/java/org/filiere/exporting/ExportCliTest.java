package org.filiere.exporting;

import org.filiere.support.ApiTest;
import org.filiere.support.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCliTest extends ApiTest {

    @Test
    void writes_the_whole_graph_and_a_traversal_answer_to_files(@TempDir Path dir) throws Exception {
        String url = "http://localhost:" + port;
        var err = new ByteArrayOutputStream();
        Path ftm = dir.resolve("graph.ftm.json");
        assertThat(ExportCli.run(new String[]{"--url", url, "--format", "ftm", "--out", ftm.toString()}, Map.of(),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        long lines = Files.lines(ftm).count();
        assertThat(lines).isEqualTo(Graph.entities() + Graph.entityRelationships());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Wrote");

        Path graphml = dir.resolve("out/tiers.graphml");
        assertThat(ExportCli.run(new String[]{"--url", url, "--format", "graphml", "--traversal", "graph/tiers/renault-tanger?depth=2",
                "--out", graphml.toString()}, Map.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isZero();
        assertThat(Files.readString(graphml)).startsWith("<?xml").contains("renault-tanger");
    }

    @Test
    void reports_a_refused_export_and_leaves_no_file(@TempDir Path dir) {
        var err = new ByteArrayOutputStream();
        Path out = dir.resolve("x.bin");
        assertThat(ExportCli.run(new String[]{"--url", "http://localhost:" + port, "--format", "pdf", "--out", out.toString()}, Map.of(),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Refused (400)");
        assertThat(out).doesNotExist();
        assertThat(ExportCli.run(new String[]{"--format", "csv"}, Map.of(), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }
}

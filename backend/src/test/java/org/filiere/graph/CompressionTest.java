package org.filiere.graph;

import org.filiere.support.Api;
import org.filiere.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class CompressionTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void gzips_graph_answers_exports_and_scripts_for_browsers_that_accept_it() throws IOException {
        for (String path : new String[]{"/api/graph/tiers/renault-tanger?depth=3", "/api/export?format=cyjs",
                "/api/export?format=graphml", "/webjars/cytoscape/dist/cytoscape.esm.min.mjs"}) {
            Api.Download plain = api.download(path);
            Api.Download gzipped = api.download(path, "Accept-Encoding", "gzip");
            assertThat(plain.status()).as(path).isEqualTo(200);
            assertThat(plain.header("Content-Encoding")).as(path).isNull();
            assertThat(gzipped.status()).as(path).isEqualTo(200);
            assertThat(gzipped.header("Content-Encoding")).as(path).isEqualTo("gzip");
            byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
            assertThat(gzipped.body().length).as(path).isLessThan(unzipped.length / 3);
            if (path.startsWith("/api/graph") || path.contains("cyjs")) {
                // Same answer either way (the order of keys is the server's, so compare the trees).
                assertThat(JSON.readTree(unzipped)).as(path).isEqualTo(JSON.readTree(plain.body()));
            } else {
                assertThat(unzipped).as(path).isEqualTo(plain.body());
            }
        }
    }

    @Test
    void leaves_the_zip_export_alone() {
        // (Answers of unknown length, such as the API's, are compressed whatever their size: Tomcat
        // applies min-response-size only when it knows the length.)
        Api.Download zip = api.download("/api/export?format=csv", "Accept-Encoding", "gzip");
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).startsWith("application/zip");
        assertThat(zip.header("Content-Encoding")).isNull();
    }
}

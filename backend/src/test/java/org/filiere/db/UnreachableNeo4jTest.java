package org.filiere.db;

import org.filiere.FiliereApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class UnreachableNeo4jTest {

    @Test
    void explains_an_unreachable_external_server_in_a_few_lines(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            closedPort = s.getLocalPort();
        }
        String uri = "bolt://localhost:" + closedPort;
        assertThatThrownBy(() -> SpringApplication.run(FiliereApplication.class,
                "--server.port=0", "--NEO4J_URI=" + uri, "--NEO4J_CONNECTION_TIMEOUT=2s"))
                .isNotNull();
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Neo4j at " + uri + " cannot be reached")
                .contains("NEO4J_URI")
                .doesNotContain("\tat org.neo4j.driver");
    }
}

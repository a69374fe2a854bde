package org.filiere.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application in external-server mode against the shared harness: same code path as a
 * production deployment with {@code NEO4J_URI} set. Subclasses share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HarnessTest {

    /** The password of the {@code admin} user in every harness-backed test (writes need it). */
    public static final String ADMIN_PASSWORD = "test-secret";

    /** The per-file upload limit of the test application, in MB. */
    public static final int UPLOAD_LIMIT_MB = 4;

    @DynamicPropertySource
    static void neo4j(DynamicPropertyRegistry registry) {
        registry.add("NEO4J_URI", SharedNeo4j::boltUri);
        registry.add("NEO4J_PASSWORD", () -> "unused-auth-is-disabled");
        registry.add("FILIERE_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        // Small enough that the 413 test sends little; far above what the other tests upload.
        registry.add("FILIERE_IMPORT_MAX_FILE_SIZE", () -> UPLOAD_LIMIT_MB + "MB");
        registry.add("FILIERE_IMPORT_MAX_REQUEST_SIZE", () -> 2 * UPLOAD_LIMIT_MB + "MB");
    }
}

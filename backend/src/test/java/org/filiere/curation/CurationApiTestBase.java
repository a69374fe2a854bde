package org.filiere.curation;

import org.filiere.support.ApiTest;
import org.filiere.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Curation API tests: entities under an id prefix of their own, removed with their audit records after each test. */
abstract class CurationApiTestBase extends ApiTest {

    /** The id prefix of this test's entities ({@link CurationFixtures#prefix()}). */
    protected String p;
    /** A client with the curator's credentials. */
    protected Http admin;

    @BeforeEach
    void fixtures() {
        p = CurationFixtures.prefix();
        admin = new Http(port).admin();
    }

    @AfterEach
    void clean() {
        CurationFixtures.removeAll(p);
    }
}

package org.filiere.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test against the running application (harness-backed, IPEMED data loaded) through HTTP. */
public abstract class ApiTest extends HarnessTest {

    @LocalServerPort
    protected int port;

    protected Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }
}

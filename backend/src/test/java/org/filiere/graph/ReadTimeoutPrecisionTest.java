package org.filiere.graph;

import org.filiere.support.SharedNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.springframework.data.neo4j.core.DatabaseSelectionProvider;
import org.springframework.data.neo4j.core.convert.Neo4jConversions;
import org.springframework.data.neo4j.core.transaction.Neo4jBookmarkManager;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring's transaction definitions count whole seconds, so a configured {@code 300ms} used to reach
 * Neo4j as 1 s. These reads go to a real Neo4j through a driver that records the transaction
 * configuration it is handed.
 */
class ReadTimeoutPrecisionTest {

    private static Driver real;
    private static final List<TransactionConfig> begun = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() {
        real = GraphDatabase.driver(SharedNeo4j.boltUri(), AuthTokens.none());
    }

    @AfterAll
    static void close() {
        real.close();
    }

    @Test
    void hands_the_server_the_configured_timeout_to_the_millisecond() {
        begun.clear();
        ReadQueries reads = readsWith(Duration.ofMillis(1500));
        Long answer = reads.read(c -> c.query("RETURN 41 + 1").fetchAs(Long.class).one().orElseThrow());
        assertThat(answer).isEqualTo(42L);
        assertThat(begun).singleElement().extracting(TransactionConfig::timeout).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void stops_a_long_read_at_a_sub_second_timeout() {
        ReadQueries reads = readsWith(Duration.ofMillis(200));
        assertThatThrownBy(() -> reads.read(c -> c.query("UNWIND range(1, 2000000000) AS x RETURN count(x)").fetchAs(Long.class).one()))
                .satisfies(e -> assertThat(ReadQueries.stoppedByTimeout(e)).as(e.toString()).isTrue());
        Long next = reads.read(c -> c.query("RETURN 1").fetchAs(Long.class).one().orElseThrow());
        assertThat(next).isEqualTo(1L);
    }

    private static ReadQueries readsWith(Duration timeout) {
        return new ReadQueries(recording(real), DatabaseSelectionProvider.getDefaultSelectionProvider(),
                Neo4jBookmarkManager.create(), new Neo4jConversions(), timeout);
    }

    /** The real driver, noting each {@link TransactionConfig} its sessions are asked to begin with. */
    private static Driver recording(Driver driver) {
        return (Driver) Proxy.newProxyInstance(Driver.class.getClassLoader(), new Class<?>[] {Driver.class}, (self, method, args) -> {
            Object result = invoke(method, driver, args);
            if (!(result instanceof Session session)) {
                return result;
            }
            return Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class}, (s, m, a) -> {
                if (m.getName().equals("beginTransaction") && a != null && a.length == 1 && a[0] instanceof TransactionConfig config) {
                    begun.add(config);
                }
                return invoke(m, session, a);
            });
        });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

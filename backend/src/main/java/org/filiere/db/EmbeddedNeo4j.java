package org.filiere.db;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Neo4j Community running inside the application's JVM, reachable only through its Bolt
 * connector on localhost, so the application talks to it exactly as it would to a server.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4j.class);
    private static final String HOST = "localhost";

    private final DatabaseManagementService dbms;
    private final Path home;
    private final int boltPort;

    private EmbeddedNeo4j(DatabaseManagementService dbms, Path home, int boltPort) {
        this.dbms = dbms;
        this.home = home;
        this.boltPort = boltPort;
    }

    public static EmbeddedNeo4j start(Path home, int preferredPort, String pageCache) {
        int port = choosePort(preferredPort);
        long started = System.nanoTime();
        var builder = new DatabaseManagementServiceBuilder(home.toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(HttpConnector.enabled, false)
                // Only localhost can reach the connector; tools on this machine connect without credentials.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Netty's default 2 s quiet period per event loop makes shutdown take ~10 s.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
                // Transaction timeouts are enforced by a monitor that looks every 2 s by default, so a
                // read could overrun filiere.query.timeout by up to 2 s; checking every 100 ms is cheap.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                // An embedded, local-only database has no business phoning home.
                .setConfig(GraphDatabaseSettings.udc_enabled, false);
        if (pageCache != null && !pageCache.isBlank()) {
            builder.setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache));
        }
        DatabaseManagementService dbms = builder.build();
        try {
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // fails fast if the store is unusable
        } catch (RuntimeException e) {
            dbms.shutdown(); // its threads are non-daemon: a failed start must not keep the JVM alive
            throw e;
        }
        // Loads and warms the Cypher compiler here, on the start-up thread, rather than on the first request.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("MATCH (n:Entity {id: 'warm-up'}) RETURN n.name");
        log.info("Embedded Neo4j {} started in {} ms, store {}, Bolt at bolt://{}:{} (no authentication, localhost only)",
                org.neo4j.kernel.internal.Version.getNeo4jVersion(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), home.toAbsolutePath(), HOST, port);
        return new EmbeddedNeo4j(dbms, home, port);
    }

    static int choosePort(int preferred) {
        if (preferred > 0 && isFree(preferred)) {
            return preferred;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            int port = socket.getLocalPort();
            if (preferred > 0) {
                log.warn("Bolt port {} is taken; the embedded Neo4j listens on {} instead", preferred, port);
            }
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("No free local port for the embedded Neo4j Bolt connector", e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public URI boltUri() {
        return URI.create("bolt://" + HOST + ":" + boltPort);
    }

    public Path home() {
        return home;
    }

    public DatabaseManagementService managementService() {
        return dbms;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        dbms.shutdown();
        log.info("Embedded Neo4j stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}

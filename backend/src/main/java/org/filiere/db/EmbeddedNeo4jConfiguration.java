package org.filiere.db;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the embedded DBMS and hands its Bolt URI to Boot's Neo4j auto-configuration, which then
 * builds the driver as it would for any server. Absent when {@code NEO4J_URI} is set.
 *
 * <p>The DBMS takes several seconds to start and Spring as long to build the context, so the
 * DBMS is started on its own thread as soon as the context's configuration is read, and the bean
 * that needs it waits for it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedModeCondition.class)
@EnableConfigurationProperties(FiliereNeo4jProperties.class)
class EmbeddedNeo4jConfiguration {

    /**
     * Holds the start in progress (a BeanFactoryPostProcessor is made before any other bean) and
     * owns the DBMS: it shuts it down with the context even when start-up fails before anything
     * else asked for it, since the DBMS's non-daemon threads would otherwise keep the JVM alive.
     */
    static final class EarlyStart implements BeanFactoryPostProcessor, DisposableBean {
        private final CompletableFuture<EmbeddedNeo4j> started;

        EarlyStart(Environment environment) {
            FiliereNeo4jProperties p = Binder.get(environment).bind("filiere.embedded", FiliereNeo4jProperties.class)
                    .orElseGet(() -> new FiliereNeo4jProperties(null, null, null, null));
            this.started = CompletableFuture.supplyAsync(() -> {
                seed(p).ifPresent(seed -> SeedStore.copyIfFirstStart(seed, p.dataDir()));
                return EmbeddedNeo4j.start(p.dataDir(), p.boltPort(), p.pageCache());
            });
        }

        private static Optional<Path> seed(FiliereNeo4jProperties p) {
            if (p.seedDir() == null || p.seedDir().isBlank()) return SeedStore.besideRunningJar();
            if (p.seedDir().equals("none")) return Optional.empty();
            return Optional.of(Path.of(p.seedDir()));
        }

        @Override
        public void postProcessBeanFactory(org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory) {
        }

        @Override
        public void destroy() {
            try {
                started.join().close();
            } catch (CompletionException e) {
                // It never started: nothing to stop.
            }
        }

        EmbeddedNeo4j await() {
            try {
                return started.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    @Bean
    static EarlyStart embeddedNeo4jEarlyStart(Environment environment) {
        return new EarlyStart(environment);
    }

    @Bean(destroyMethod = "") // closed by EarlyStart, which outlives every bean that uses the DBMS
    EmbeddedNeo4j embeddedNeo4j(EarlyStart start) {
        return start.await();
    }

    @Bean
    Neo4jConnectionDetails embeddedNeo4jConnectionDetails(EmbeddedNeo4j embedded) {
        return new Neo4jConnectionDetails() {
            @Override
            public URI getUri() {
                return embedded.boltUri();
            }
        };
    }
}

package org.filiere.db;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.net.URI;

/**
 * Starts the embedded DBMS and hands its Bolt URI to Boot's Neo4j auto-configuration, which then
 * builds the driver as it would for any server. Absent when {@code NEO4J_URI} is set.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedModeCondition.class)
@EnableConfigurationProperties(FiliereNeo4jProperties.class)
class EmbeddedNeo4jConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedNeo4j embeddedNeo4j(FiliereNeo4jProperties properties) {
        return EmbeddedNeo4j.start(properties.dataDir(), properties.boltPort(), properties.pageCache());
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

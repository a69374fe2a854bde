package org.filiere.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where the embedded database lives and how it listens.
 *
 * @param dataDir   store directory of the embedded DBMS ({@code FILIERE_DATA_DIR})
 * @param boltPort  preferred Bolt port; 0 picks a free one, a taken one falls back to a free one
 * @param pageCache page cache size for the embedded DBMS (Neo4j syntax, e.g. {@code 512m}); empty = Neo4j default
 * @param seedDir   a store prepared by the build, copied on a first start ({@code FILIERE_SEED_DIR});
 *                  empty = the {@code seed/} directory beside the running jar, if any; {@code none} = never
 */
@ConfigurationProperties("filiere.embedded")
public record FiliereNeo4jProperties(Path dataDir, Integer boltPort, String pageCache, String seedDir) {
    public FiliereNeo4jProperties {
        if (dataDir == null) dataDir = Path.of("data");
        if (boltPort == null) boltPort = 7687;
    }
}

package org.filiere.dataset;

import org.filiere.db.GraphInitializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The IPEMED report, loaded on first start into the graph. {@code filiere.dataset.reload=true}
 * (or {@code FILIERE_DATASET_RELOAD=true}) reloads it from scratch; {@code filiere.dataset.autoload=false}
 * leaves the graph alone.
 */
@Component
@Order(0)
public class IpemedDataset implements GraphInitializer {

    public static final DatasetLoader.Source SOURCE = new DatasetLoader.Source("ipemed",
            "IPEMED, Coproduction in the Mediterranean: illustrations and recommendations",
            "classpath:cypher/data/ipemed");

    private final DatasetLoader loader;
    private final boolean autoload;
    private final boolean reload;

    IpemedDataset(Neo4jClient client, PlatformTransactionManager transactions,
                  @Value("${filiere.dataset.autoload:true}") boolean autoload,
                  @Value("${filiere.dataset.reload:false}") boolean reload) {
        this.loader = new DatasetLoader(client, transactions);
        this.autoload = autoload;
        this.reload = reload;
    }

    @Override
    public void initialize() {
        if (autoload || reload) {
            loader.load(SOURCE, reload);
        }
    }

    public DatasetLoader.LoadResult reload() {
        return loader.load(SOURCE, true);
    }

    public DatasetLoader loader() {
        return loader;
    }
}

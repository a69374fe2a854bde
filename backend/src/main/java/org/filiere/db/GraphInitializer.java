package org.filiere.db;

/** Runs once at start-up, after the schema migrations (e.g. loads a seed dataset into an empty graph). */
public interface GraphInitializer {
    void initialize();
}

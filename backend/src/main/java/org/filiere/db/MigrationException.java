package org.filiere.db;

/** The graph's recorded schema history does not match the migration files. */
public class MigrationException extends RuntimeException {
    public MigrationException(String message) {
        super(message);
    }
}

package org.filiere.graph;

/** The request is valid but clashes with what the graph holds now (an id taken, a link that exists): 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}

package org.filiere.graph;

/** A request parameter out of its allowed range or unknown: answered as 400 problem+json naming it. */
public class BadRequestException extends RuntimeException {

    private final String parameter;

    public BadRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}

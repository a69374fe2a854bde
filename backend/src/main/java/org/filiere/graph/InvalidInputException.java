package org.filiere.graph;

import java.util.List;

/**
 * A well-formed request whose content breaks the model (unknown type, a year out of range, a
 * relationship in the wrong direction…): 422 problem+json listing every {@link FieldError}.
 */
public class InvalidInputException extends RuntimeException {

    /** One thing wrong: which field, the value given (abbreviated) and what is wrong with it. */
    public record FieldError(String field, String value, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid: " + String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String value, String message) {
        this(List.of(new FieldError(field, value, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}

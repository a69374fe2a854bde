package org.filiere.graph;

import jakarta.validation.ConstraintViolationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Set;

/**
 * Every error leaves as RFC 9457 problem+json that says what was wrong, never as a stack trace.
 * Spring's own MVC errors (missing parameter, wrong content type, …) are handled by the parent class.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid parameter", e.getMessage());
        p.setProperty("parameter", e.parameter());
        return p;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName().toLowerCase();
        boolean whole = Set.of("integer", "int", "long").contains(expected);
        String given = e.getValue() == null ? "" : e.getValue().toString().strip();
        // "99999999999" is a whole number, just not one an int holds: say so rather than "must be a whole number".
        String detail = whole && given.matches("[-+]?\\d+")
                ? "Parameter '" + e.getName() + "' is out of range: " + given + " is too " + (given.startsWith("-") ? "small" : "large") + "."
                : "Parameter '" + e.getName() + "' must be " + (whole ? "a whole number" : "of type " + expected) + ".";
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid parameter", detail);
        p.setProperty("parameter", e.getName());
        return p;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraint(ConstraintViolationException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    /** Tomcat decodes parameters lazily and throws when one is not valid UTF-8 (e.g. {@code %C3%28}). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ProblemDetail undecodable(org.apache.tomcat.util.http.InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
                "A request parameter could not be decoded: parameters must be UTF-8, percent-encoded.");
    }

    /**
     * Spring Security's firewall checks parameter names lazily too: a form-encoded body whose
     * "names" hold line breaks or control characters is refused when a controller reads it.
     */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ProblemDetail rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
                "A request parameter name or value contains characters that are not allowed (line breaks, control characters).");
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input", e.getMessage());
        p.setProperty("errors", e.errors());
        return p;
    }

    /** Malformed JSON, or JSON of the wrong shape: say where, without echoing parser internals. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(HttpStatus.BAD_REQUEST,
                "Unreadable request body", "The request body is not valid JSON (or is missing): send a JSON object."));
    }

    /** Spring's own answer named a "static resource" for a mistyped API path; point to the API's list instead. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e,
                                                                    HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = "/" + e.getResourcePath().replaceFirst("^/", "");
        String detail = path.startsWith("/api/")
                ? "There is no " + e.getHttpMethod() + " " + path + " in the API: its endpoints are listed at /v3/api-docs and /swagger-ui.html."
                : "There is nothing at " + path + ".";
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.NOT_FOUND, "Not found", detail));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) throws Exception {
        if (ReadQueries.stoppedByTimeout(e)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Query took too long",
                    "The query was stopped by the transaction timeout. Narrow it (smaller depth, fewer hops, "
                            + "a type filter) and try again.");
        }
        if (cause(e, ServiceUnavailableException.class) != null) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable", "Neo4j cannot be reached right now.");
        }
        if (cause(e, org.springframework.dao.TransientDataAccessException.class) != null
                || cause(e, org.neo4j.driver.exceptions.TransientException.class) != null) {
            // Writes are retried first (curation/Writes); this is what is left after several attempts.
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Database busy",
                    "Other changes to the same entities kept this one from going through; nothing was changed. Try again.");
        }
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e; // let Spring MVC answer its own errors (405, 406, 415, …) as problem details
        }
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The server failed to answer this request.");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("https://filiere.dev/problems/" + title.toLowerCase().replace(' ', '-')));
        return p;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }
}

package org.filiere.graph;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Answers the servlet container's error dispatches (errors raised before or outside Spring MVC:
 * filters, the security chain, parameter decoding) as problem+json, like every other error, instead
 * of Boot's default {@code {timestamp, status, error, path}} body.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Without an error attribute, someone asked for /error itself: there is nothing there.
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 404);
        if (status == null || status.value() < 400) status = HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail(status));
        p.setTitle(status.getReasonPhrase());
        p.setType(URI.create("https://filiere.dev/problems/" + status.getReasonPhrase().toLowerCase().replace(' ', '-')));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s) p.setInstance(URI.create(s.replaceAll("[^A-Za-z0-9/._~-]", "_")));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request could not be read: its parameters, body or character encoding are malformed.";
            case UNAUTHORIZED -> "This request needs an authenticated user.";
            case FORBIDDEN -> "This request is not allowed.";
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
            case CONTENT_TOO_LARGE -> "The request body is larger than this server accepts.";
            case UNSUPPORTED_MEDIA_TYPE -> "This address does not accept that content type.";
            default -> status.is5xxServerError() ? "The server failed to answer this request." : status.getReasonPhrase() + ".";
        };
    }
}

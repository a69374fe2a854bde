package org.filiere.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Who is logged in, and the CSRF token a browser session must send with each write. The explorer
 * asks on start and after logging in or out; the token lives in an HttpOnly cookie and is handed
 * out here only, so no script of another origin can read it.
 */
@RestController
@Tag(name = "Session")
@SecuritySchemes({
        @SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "Scripts and curl: the admin user's credentials on each request (no CSRF token needed)."),
        @SecurityScheme(name = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE, paramName = "JSESSIONID",
                description = "Browsers: log in with POST /login (form fields username, password); each write then sends "
                        + "the token of GET /api/session in the X-XSRF-TOKEN header.")})
class SessionController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Csrf(String header, String parameter, String token) {
    }

    public record Session(boolean authenticated, String user, Csrf csrf) {
    }

    @GetMapping("/api/session")
    @Operation(summary = "The current user (if logged in) and the CSRF token for this browser",
            description = "Log in with `POST /login` (form-encoded `username`, `password`, plus this token in `X-XSRF-TOKEN`): 200 "
                    + "with this same shape, or 401. Log out with `POST /logout` (token required). The token changes at "
                    + "login and logout: ask again after either.")
    Session session(HttpServletRequest request, Authentication auth) {
        return of(request, auth);
    }

    static Session of(HttpServletRequest request, Authentication auth) {
        boolean in = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        // Reading the token generates it (and sets its cookie) when this browser has none yet.
        Csrf csrf = token == null ? null : new Csrf(token.getHeaderName(), token.getParameterName(), token.getToken());
        return new Session(in, in ? auth.getName() : null, csrf);
    }

    /**
     * The answer to a successful login ({@code auth}: with the new token, as the old one is void)
     * or logout ({@code null}: no token, as the old one was cleared; ask GET /api/session again).
     */
    static void write(HttpServletRequest request, HttpServletResponse response, Authentication auth) throws IOException {
        Session session = auth == null ? new Session(false, null, null) : of(request, auth);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(session));
    }
}

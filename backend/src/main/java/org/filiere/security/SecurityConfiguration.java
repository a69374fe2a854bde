package org.filiere.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads are public; every write (POST, PUT, PATCH, DELETE) needs an authenticated user. One user,
 * {@code admin} ({@code FILIERE_ADMIN_USER} renames it), whose password is
 * {@code FILIERE_ADMIN_PASSWORD} or, when that is unset, a random one logged once at start-up.
 *
 * <p>Two ways in: HTTP Basic on each request (curl, scripts: stateless, no session, no cookie), and
 * the explorer's login form ({@code POST /login}: a session cookie). A browser session rides on a
 * cookie the browser sends by itself, so every write made with it must carry the CSRF token
 * (header {@code X-XSRF-TOKEN}, token from {@code GET /api/session}); a Basic request does not —
 * except when a browser marks it as coming from another site ({@code Sec-Fetch-Site} /
 * {@code Origin}), which could otherwise ride on Basic credentials the browser remembers.
 *
 * <p>Failures are answered as problem+json like every other API error. Response headers stay those
 * of {@link org.filiere.graph.SecurityHeaders} (our CSP): Spring Security writes none of its own.
 */
@Configuration
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static boolean isAuthenticated(org.springframework.security.core.Authentication a) {
        return a != null && a.isAuthenticated() && !(a instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
    }

    /** Where the explorer's login form posts (form fields {@code username}, {@code password}). */
    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";

    @Bean
    SecurityFilterChain api(HttpSecurity http, @Value("${filiere.security.public-reads:true}") boolean publicReads) throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        // The explorer reads the token from GET /api/session, never from the cookie: it can stay HttpOnly.
        csrfTokens.setCookieCustomizer(c -> c.sameSite("Strict").httpOnly(true));
        http.authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        // A private instance (FILIERE_PUBLIC_READS=false) still serves the explorer itself, its
                        // session endpoint and the health check, so that people can log in and probes work.
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/js/**", "/css/**", "/img/**", "/webjars/**",
                                "/favicon.ico", "/api/session", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").access((auth, ctx) ->
                                new org.springframework.security.authorization.AuthorizationDecision(publicReads || isAuthenticated(auth.get())))
                        .requestMatchers(HttpMethod.HEAD, "/**").access((auth, ctx) ->
                                new org.springframework.security.authorization.AuthorizationDecision(publicReads || isAuthenticated(auth.get())))
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers(HttpMethod.POST, LOGIN, LOGOUT).permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.realmName("Filiere").authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .formLogin(f -> f.loginPage("/").loginProcessingUrl(LOGIN)
                        .successHandler((request, response, auth) -> SessionController.write(request, response, auth))
                        .failureHandler((request, response, e) -> problem(request, response, 401, "Login failed",
                                "The user name or password is not valid.")))
                .logout(l -> l.logoutUrl(LOGOUT)
                        .logoutSuccessHandler((request, response, auth) -> SessionController.write(request, response, null)))
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthorized)
                        .accessDeniedHandler((request, response, ex) -> problem(request, response, 403, "Forbidden",
                                ex instanceof CsrfException
                                        ? "This request needs a valid CSRF token: a browser session sends the token of GET /api/session "
                                        + "in the X-XSRF-TOKEN header (scripts use HTTP Basic instead), and a request from another site is refused."
                                        : "This request is not allowed.")))
                // No sessionManagement(...) here on purpose: setting a creation policy adds a filter that
                // would save HTTP Basic logins into a session. Sessions come from the login form only.
                .addFilterBefore(new CrossSiteWrites(), CsrfFilter.class)
                .csrf(c -> c.csrfTokenRepository(csrfTokens).ignoringRequestMatchers(SecurityConfiguration::csrfNotNeeded))
                .requestCache(r -> r.disable())
                // org.filiere.graph.SecurityHeaders sets CSP and the other headers; two writers would conflict.
                .headers(h -> h.disable());
        return http.build();
    }

    /**
     * No CSRF token for an /api/** request that is not authenticated by a session cookie: curl and
     * scripts with Basic credentials, and anonymous requests (which then get their 401). A
     * logged-in browser session always needs the token. (Cross-site writes never get this far.)
     */
    static boolean csrfNotNeeded(HttpServletRequest request) {
        if (!apiFromSameSiteOrNoBrowser(request)) return false;
        if (request.getHeader("Authorization") != null) return true;
        return !SESSIONS.containsContext(request);
    }

    /**
     * Refuses every write that a browser marks as coming from another site, whatever its
     * credentials or token: a page elsewhere can neither ride on a session or on remembered Basic
     * credentials, nor log a visitor in (login CSRF).
     */
    static final class CrossSiteWrites extends OncePerRequestFilter {
        private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!SAFE.contains(request.getMethod()) && crossSite(request)) {
                problem(request, response, 403, "Forbidden", "A write from another site is refused (Origin or Sec-Fetch-Site "
                        + "says the request does not come from this server's own pages).");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    private static final HttpSessionSecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    /** An /api/** request that no browser flagged as cross-site (curl, scripts, the explorer itself). */
    static boolean apiFromSameSiteOrNoBrowser(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") && !crossSite(request);
    }

    /** The browser says the request comes from a page of another site ({@code Sec-Fetch-Site}, {@code Origin}). */
    static boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) return true;
        String origin = request.getHeader("Origin");
        if (origin == null) return false;
        try {
            URI o = URI.create(origin);
            int port = o.getPort() != -1 ? o.getPort() : ("https".equals(o.getScheme()) ? 443 : 80);
            return !(request.getServerName().equalsIgnoreCase(o.getHost()) && request.getServerPort() == port);
        } catch (IllegalArgumentException e) {
            return true; // "null" or garbage: an opaque origin, not ours
        }
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
                                     org.springframework.security.core.AuthenticationException e) throws IOException {
        // The explorer's own requests (X-Requested-With) get no Basic challenge: a browser would
        // answer it with its native password prompt instead of the page's login form.
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Filiere\", charset=\"UTF-8\"");
        }
        boolean badCredentials = request.getHeader("Authorization") != null;
        problem(request, response, 401, "Authentication required", badCredentials
                ? "The credentials given are not valid."
                : "Writing to the graph needs a user: log in (explorer) or send HTTP Basic credentials (see docs/curation.md).");
    }

    static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
                                String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://filiere.dev/problems/" + title.toLowerCase().replace(' ', '-'));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    /** Requests the firewall refuses (encoded '%', '..', NUL) get a problem too, not Boot's plain error JSON. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> problem(request, response, 400, "Bad request",
                "The request was refused: the URL contains a character sequence that is not allowed (e.g. an encoded '%', '/' or NUL).");
    }

    /**
     * Spring Security wraps each of its ~15 filters and every authorization in an observation when
     * an observation registry exists, as it does with actuator. Disabling them by property (below,
     * application.yml) only makes those observations no-ops: the wrappers still run per filter and
     * per request. Without this bean no wrapper is installed. Nothing here records traces.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(PasswordEncoder encoder, @Value("${filiere.admin.user:admin}") String user,
                             @Value("${filiere.admin.password:}") String password) {
        String effective = password;
        if (effective == null || effective.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            effective = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("No FILIERE_ADMIN_PASSWORD set: user '{}' has the generated password {} (valid until restart)", user, effective);
        }
        return new InMemoryUserDetailsManager(User.withUsername(user).password(encoder.encode(effective)).roles("ADMIN").build());
    }
}

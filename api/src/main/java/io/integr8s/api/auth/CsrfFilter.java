package io.integr8s.api.auth;

import io.integr8s.api.web.ApiError;
import io.integr8s.api.web.Problem;
import io.integr8s.api.web.ProblemWriter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * API.md's CSRF rule: an unsafe request under {@code /api/} authenticated by the session cookie must send
 * {@code X-CSRF-Token} equal to the {@code csrf_token} cookie and bound to that session. Bearer clients send no
 * cookie and are not checked; login and register are exempt (there is no session yet).
 */
class CsrfFilter implements WebFilter {

    static final String HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Set<String> EXEMPT = Set.of("/api/v1/auth/login", "/api/v1/auth/register");

    private final CsrfTokens csrf;
    private final ProblemWriter errors;

    CsrfFilter(CsrfTokens csrf, ProblemWriter errors) {
        this.csrf = csrf;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        SessionAuthentication session = exchange.getAttribute(SessionAuthentication.class.getName());
        String path = request.getPath().pathWithinApplication().value();
        boolean checked = session != null && session.fromCookie() && UNSAFE.contains(request.getMethod())
                && path.startsWith("/api/") && !EXEMPT.contains(path);
        if (checked && !csrf.isValid(session.sessionId(), request.getHeaders().getFirst(HEADER),
                SessionCookies.read(request, SessionCookies.CSRF_TOKEN))) {
            return errors.write(exchange, new Problem(HttpStatus.FORBIDDEN,
                    new ApiError("CSRF validation failed", "CSRFValidationError")));
        }
        return chain.filter(exchange);
    }
}

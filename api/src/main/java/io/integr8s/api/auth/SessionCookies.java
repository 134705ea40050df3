package io.integr8s.api.auth;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/** The two session cookies of API.md: {@code access_token} (HttpOnly) and {@code csrf_token} (readable by the page). */
@Component
class SessionCookies {

    static final String ACCESS_TOKEN = "access_token";
    static final String CSRF_TOKEN = "csrf_token";

    private final SecurityProperties.SecureCookies secure;

    SessionCookies(SecurityProperties properties) {
        this.secure = properties.secureCookies();
    }

    void set(ServerHttpRequest request, ServerHttpResponse response, IssuedSession session) {
        // whole seconds, rounded up: a 5-minute session is Max-Age=300, not 299 a millisecond later
        Duration maxAge = Duration.ofSeconds((Duration.between(Instant.now(), session.expiresAt()).toMillis() + 999) / 1000);
        response.addCookie(cookie(request, ACCESS_TOKEN, session.token(), maxAge, true));
        response.addCookie(cookie(request, CSRF_TOKEN, session.csrfToken(), maxAge, false));
    }

    void clear(ServerHttpRequest request, ServerHttpResponse response) {
        response.addCookie(cookie(request, ACCESS_TOKEN, "", Duration.ZERO, true));
        response.addCookie(cookie(request, CSRF_TOKEN, "", Duration.ZERO, false));
    }

    static String read(ServerHttpRequest request, String name) {
        HttpCookie cookie = request.getCookies().getFirst(name);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    private ResponseCookie cookie(ServerHttpRequest request, String name, String value, Duration maxAge, boolean httpOnly) {
        boolean overHttps = "https".equalsIgnoreCase(request.getURI().getScheme());
        return ResponseCookie.from(name, value).path("/").httpOnly(httpOnly).sameSite("Strict").maxAge(maxAge)
                .secure(secure == SecurityProperties.SecureCookies.ALWAYS
                        || secure == SecurityProperties.SecureCookies.AUTO && overHttps)
                .build();
    }
}

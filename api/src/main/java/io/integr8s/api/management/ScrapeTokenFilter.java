package io.integr8s.api.management;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Authenticates a scraper on {@code /actuator/**} by the configured token ({@code Authorization: Bearer <token>}) with
 * the role {@link ManagementAccess#SCRAPER_ROLE}. Anything else passes on untouched: the session filter after it
 * may still find an admin's session. The token is compared as SHA-256 digests with {@link MessageDigest#isEqual}, so
 * the time taken tells nothing about its content or length.
 */
final class ScrapeTokenFilter implements WebFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] expected;
    private final Authentication scraper = UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null,
            AuthorityUtils.createAuthorityList("ROLE_" + ManagementAccess.SCRAPER_ROLE));

    /** {@code token} empty: no request is authenticated by this filter. */
    ScrapeTokenFilter(String token) {
        this.expected = token == null || token.isBlank() ? null : sha256(token);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (expected == null || !exchange.getRequest().getPath().pathWithinApplication().value()
                .startsWith(ManagementAccess.ACTUATOR)) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length()).trim()))) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.withAuthentication(scraper));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException absent) {
            throw new IllegalStateException("every Java runtime has SHA-256", absent);
        }
    }
}

package io.integr8s.api.auth;

import io.integr8s.api.user.CurrentUserResolver;
import io.integr8s.api.user.UserAccount;
import io.integr8s.api.user.UserDirectory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;

/**
 * Authenticates a request from {@code Authorization: Bearer} or, failing that, the {@code access_token} cookie.
 * A token counts only if its signature checks out and its session was issued here and is still recorded (not expired,
 * not logged out, not ended by a change of password or role, a deactivation or a deletion), while its user exists and
 * is active; anything else leaves the request anonymous (public routes still work with a stale cookie).
 */
class SessionAuthenticationFilter implements WebFilter {

    private static final String BEARER = "Bearer ";

    private final SessionTokens tokens;
    private final UserDirectory directory;

    SessionAuthenticationFilter(SessionTokens tokens, UserDirectory directory) {
        this.tokens = tokens;
        this.directory = directory;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        String token = bearer ? header.substring(BEARER.length()).trim() : SessionCookies.read(request, SessionCookies.ACCESS_TOKEN);
        if (token == null || token.isEmpty()) {
            return chain.filter(exchange);
        }
        return Mono.fromCallable(() -> authenticate(token, !bearer))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(authentication -> authentication.map(session -> {
                    exchange.getAttributes().put(CurrentUserResolver.ATTRIBUTE, session.getPrincipal());
                    exchange.getAttributes().put(SessionAuthentication.class.getName(), session);
                    return chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.withAuthentication(session));
                }).orElseGet(() -> chain.filter(exchange)));
    }

    private Optional<SessionAuthentication> authenticate(String token, boolean fromCookie) {
        return tokens.verify(token).flatMap(claims -> directory.byIdInLiveSession(claims.userId(), claims.sessionId())
                .filter(UserAccount::active)
                .filter(account -> account.sessionGeneration() == claims.generation())
                .map(account -> new SessionAuthentication(account.asCurrentUser(), claims.sessionId(), fromCookie)));
    }
}

package io.integr8s.api.user;

import io.integr8s.api.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The authenticated user of a request. {@link #resolve} fails with 401 when there is none; {@link #optional} is
 * empty then (rate limiting keys anonymous requests by client address).
 */
@Component
public class CurrentUserResolver {

    /** The exchange attribute the session filter puts the authenticated user in. */
    public static final String ATTRIBUTE = CurrentUser.class.getName();

    public Mono<CurrentUser> resolve(ServerWebExchange exchange) {
        return optional(exchange).switchIfEmpty(Mono.error(
                new ApiException(HttpStatus.UNAUTHORIZED, "AuthenticationRequiredError", "Not authenticated")));
    }

    public Mono<CurrentUser> optional(ServerWebExchange exchange) {
        return Mono.justOrEmpty(exchange.<CurrentUser>getAttribute(ATTRIBUTE));
    }
}

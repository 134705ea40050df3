package io.integr8s.api.user;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The authenticated user of a request. {@link #resolve} fails with 401 when there is none; {@link #optional} is
 * empty then (rate limiting keys anonymous requests by client address).
 */
@Component
public class CurrentUserResolver {

    private final LocalUserProperties localUser;

    public CurrentUserResolver(LocalUserProperties localUser) {
        this.localUser = localUser;
    }

    public Mono<CurrentUser> resolve(ServerWebExchange exchange) {
        return optional(exchange);
    }

    public Mono<CurrentUser> optional(ServerWebExchange exchange) {
        return Mono.just(localUser.asCurrentUser());
    }
}

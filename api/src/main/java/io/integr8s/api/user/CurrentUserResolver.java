package io.integr8s.api.user;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@Component
public class CurrentUserResolver {

    private final LocalUserProperties localUser;

    public CurrentUserResolver(LocalUserProperties localUser) {
        this.localUser = localUser;
    }

    public Mono<CurrentUser> resolve(ServerWebExchange exchange) {
        return Mono.just(localUser.asCurrentUser());
    }
}

package io.integr8s.api.user;

import io.integr8s.api.ratelimit.RateLimitOverrides;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Accounts as the contract shows them: the profile with the user's rate-limit summary. */
@Component
public class UserViews {

    private final RateLimitOverrides rateLimits;

    public UserViews(RateLimitOverrides rateLimits) {
        this.rateLimits = rateLimits;
    }

    public Mono<UserResponse> of(UserAccount account) {
        return rateLimits.summaryOf(account.userId()).map(limits -> UserResponse.of(account, limits));
    }

    public Mono<List<UserResponse>> of(List<UserAccount> accounts) {
        return Flux.fromIterable(accounts).concatMap(this::of).collectList();
    }
}

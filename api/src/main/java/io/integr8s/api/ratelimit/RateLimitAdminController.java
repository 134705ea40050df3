package io.integr8s.api.ratelimit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.user.UserAccounts;
import io.integr8s.api.web.ApiException;
import io.integr8s.api.web.ValidationProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * The admin rate-limit operations of the contract. Admin-only by the security path rule on {@code /api/v1/admin/**}.
 * Any user id is accepted: an override may be prepared before the user exists, and deleting a user removes it.
 */
@RestController
@RequestMapping("/api/v1/admin/rate-limits")
class RateLimitAdminController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserRateLimitsResponse(String userId, UserRateLimitConfig rateLimitConfig,
                                  Map<String, EndpointUsageStats> currentUsage) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RateLimitUpdateResponse(String userId, boolean updated, UserRateLimitConfig config) {
    }

    record MessageResponse(String message) {
    }

    private final RateLimitPolicy policy;
    private final RateLimitOverrides overrides;
    private final RateLimitCounters counters;
    private final UserAccounts accounts;

    RateLimitAdminController(RateLimitPolicy policy, RateLimitOverrides overrides, RateLimitCounters counters,
                             UserAccounts accounts) {
        this.policy = policy;
        this.overrides = overrides;
        this.counters = counters;
        this.accounts = accounts;
    }

    @GetMapping("/defaults")
    List<RateLimitRule> defaults() {
        return policy.defaults();
    }

    /** The stored override ({@code null} when the user has the defaults) and what is left of each limit in use. */
    @GetMapping("/{user_id}")
    Mono<UserRateLimitsResponse> userLimits(@PathVariable("user_id") String userId) {
        return accounts.existing(userId).then(overrides.find(userId)).flatMap(config -> counters
                .usage(Subject.user(userId), route -> policy.limitFor(route, config.map(ActiveOverride::of)))
                .onErrorMap(error -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "RateLimitStoreUnavailable",
                        "The rate-limit counters in Redis could not be read (" + error.getMessage()
                                + "); try again once Redis answers"))
                .map(usage -> new UserRateLimitsResponse(userId, config.orElse(null), usage)));
    }

    @PutMapping("/{user_id}")
    Mono<ResponseEntity<?>> update(@PathVariable("user_id") String userId, @RequestBody RateLimitUpdateRequest request) {
        List<ValidationProblem.Violation> violations = RateLimitUpdateValidation.of(request);
        if (!violations.isEmpty()) {
            return Mono.just(ResponseEntity.unprocessableEntity().body(new ValidationProblem(violations)));
        }
        List<RateLimitRule> rules = request.rulesOrNone().stream().map(RateLimitUpdateRequest.Rule::toRule).toList();
        return accounts.existing(userId)
                .then(overrides.save(userId, request.bypass(), request.multiplier(), rules, request.notes()))
                .map(saved -> ResponseEntity.ok(new RateLimitUpdateResponse(userId, true, saved)));
    }

    @PostMapping("/{user_id}/reset")
    Mono<MessageResponse> reset(@PathVariable("user_id") String userId) {
        return accounts.existing(userId).then(overrides.deleteFor(userId)).map(existed -> new MessageResponse(existed
                ? "Rate limits of user '" + userId + "' reset to the defaults; their counters start afresh"
                : "User '" + userId + "' already had the default rate limits; their counters start afresh"));
    }
}

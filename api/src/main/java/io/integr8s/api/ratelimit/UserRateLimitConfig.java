package io.integr8s.api.ratelimit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/** A user's stored override, in the contract's shape ({@code UserRateLimitConfigResponse}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserRateLimitConfig(String userId, boolean bypassRateLimit, double globalMultiplier,
                                  List<RateLimitRule> rules, Instant createdAt, Instant updatedAt, String notes) {

    /** True when the override changes anything compared with the defaults. */
    boolean changesDefaults() {
        return bypassRateLimit || globalMultiplier != 1.0 || !rules.isEmpty();
    }
}

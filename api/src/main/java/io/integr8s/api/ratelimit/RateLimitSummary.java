package io.integr8s.api.ratelimit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a user's limits look like at a glance (the contract's {@code RateLimitSummary}, and the three rate-limit
 * fields of {@code UserResponse}). A user without an override has {@code (false, 1.0, false)}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RateLimitSummary(boolean bypassRateLimit, double globalMultiplier, boolean hasCustomLimits) {

    static final RateLimitSummary DEFAULTS = new RateLimitSummary(false, 1.0, false);

    static RateLimitSummary of(UserRateLimitConfig config) {
        return new RateLimitSummary(config.bypassRateLimit(), config.globalMultiplier(), config.changesDefaults());
    }
}

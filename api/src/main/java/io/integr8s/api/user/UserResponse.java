package io.integr8s.api.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.ratelimit.RateLimitSummary;
import io.integr8s.command.user.api.UserRole;

import java.time.Instant;

/** The contract's UserResponse: an account without its password. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserResponse(String username, String email, UserRole role, boolean isActive, String userId,
                           boolean isSuperuser, Instant createdAt, Instant updatedAt, Boolean bypassRateLimit,
                           Double globalMultiplier, Boolean hasCustomLimits) {

    public static UserResponse of(UserAccount account, RateLimitSummary limits) {
        return new UserResponse(account.username(), account.email(), account.role(), account.active(), account.userId(),
                account.role() == UserRole.ADMIN, account.createdAt(), account.updatedAt(), limits.bypassRateLimit(),
                limits.globalMultiplier(), limits.hasCustomLimits());
    }
}

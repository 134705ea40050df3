package io.integr8s.api.ratelimit;

import java.util.List;

/** A user's override as the limiter applies it: the stored config with its rules compiled, highest priority first. */
record ActiveOverride(UserRateLimitConfig config, List<CompiledRule> rules) {

    static ActiveOverride of(UserRateLimitConfig config) {
        return new ActiveOverride(config, CompiledRule.byPriority(config.rules()));
    }
}

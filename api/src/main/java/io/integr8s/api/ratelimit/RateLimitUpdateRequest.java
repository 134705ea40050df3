package io.integr8s.api.ratelimit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * The contract's {@code RateLimitUpdateRequest}, read leniently (boxed values, names as text) so that
 * {@link RateLimitUpdateValidation} can name every wrong field at once.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RateLimitUpdateRequest(Boolean bypassRateLimit, Double globalMultiplier, List<Rule> rules, String notes) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Rule(String endpointPattern, String group, Integer requests, Integer windowSeconds, String algorithm,
                Double burstMultiplier, Integer priority, Boolean enabled) {

        /** Only after {@link RateLimitUpdateValidation} found nothing wrong. */
        RateLimitRule toRule() {
            return new RateLimitRule(endpointPattern, EndpointGroup.fromWireName(group).orElseThrow(), requests,
                    windowSeconds,
                    algorithm == null ? RateLimitAlgorithm.SLIDING_WINDOW : RateLimitAlgorithm.fromWireName(algorithm).orElseThrow(),
                    burstMultiplier == null ? 1.5 : burstMultiplier, priority == null ? 0 : priority,
                    enabled == null || enabled);
        }
    }

    boolean bypass() {
        return Boolean.TRUE.equals(bypassRateLimit);
    }

    double multiplier() {
        return globalMultiplier == null ? 1.0 : globalMultiplier;
    }

    List<Rule> rulesOrNone() {
        return rules == null ? List.of() : rules;
    }
}

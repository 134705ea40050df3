package io.integr8s.api.ratelimit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One rule, in the contract's shape ({@code RateLimitRuleResponse}): requests whose route template matches
 * {@code endpoint_pattern} (a regular expression, searched from the start) get at most {@code requests} per
 * {@code window_seconds}. Among the rules of a user override, then among the defaults, the enabled rule with the
 * highest {@code priority} that matches decides.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RateLimitRule(String endpointPattern,
                            EndpointGroup group,
                            int requests,
                            int windowSeconds,
                            @DefaultValue("sliding_window") RateLimitAlgorithm algorithm,
                            @DefaultValue("1.5") double burstMultiplier,
                            @DefaultValue("0") int priority,
                            @DefaultValue("true") boolean enabled) {
}

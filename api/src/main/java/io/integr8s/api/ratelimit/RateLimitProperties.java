package io.integr8s.api.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code integr8s.rate-limit}: the default rules (application.yml lists the contract's) and how the limiter behaves
 * when its stores misbehave.
 *
 * @param enabled          false serves every request unlimited (e.g. behind a gateway that limits already)
 * @param redisTimeout     longest a request waits for its limiter call; past it the request is served (fail open)
 * @param overrideCacheTtl how long an instance trusts a cached per-user override without a change notice; changes
 *                         normally arrive at once over Redis, this bounds staleness when a notice was lost
 * @param rules            the default rules, applied to everyone without an override that matches first
 */
@ConfigurationProperties(prefix = "integr8s.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("250ms") Duration redisTimeout,
                                  @DefaultValue("30s") Duration overrideCacheTtl,
                                  @DefaultValue List<RateLimitRule> rules) {
}

package io.integr8s.api.ratelimit;

/** The contract's usage of one route by one user: requests (or tokens) left right now. */
public record EndpointUsageStats(RateLimitAlgorithm algorithm, long remaining) {
}

package io.integr8s.api.ratelimit;

/**
 * The limit one request is held to: its rule scaled by the user's multiplier.
 *
 * @param capacity the most requests a key may make at once: {@code requests} for a sliding window,
 *                 {@code requests × burst_multiplier} for a token bucket (what {@code X-RateLimit-Limit} shows)
 */
record EffectiveLimit(EndpointGroup group, RateLimitAlgorithm algorithm, long requests, long windowSeconds,
                      long capacity) {

    static EffectiveLimit of(RateLimitRule rule, double multiplier) {
        long requests = Math.max(1, (long) Math.floor(rule.requests() * multiplier));
        long capacity = rule.algorithm() == RateLimitAlgorithm.TOKEN_BUCKET
                ? Math.max(1, (long) Math.floor(requests * rule.burstMultiplier()))
                : requests;
        return new EffectiveLimit(rule.group(), rule.algorithm(), requests, rule.windowSeconds(), capacity);
    }

    long windowMillis() {
        return windowSeconds * 1000;
    }
}

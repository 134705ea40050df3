package io.integr8s.api.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * The limiter's answer for one request, timed by the Redis server's clock.
 *
 * @param resetAt when the key has its full capacity again (sliding window: when its oldest request leaves)
 * @param retryAt when the next request would be allowed
 */
record Decision(boolean allowed, long limit, long remaining, Instant now, Instant resetAt, Instant retryAt) {

    /** Whole seconds to wait, at least 1, as {@code Retry-After} and {@code retry_after} give it. */
    long retryAfterSeconds() {
        long millis = Math.max(0, Duration.between(now, retryAt).toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}

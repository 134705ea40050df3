package io.integr8s.api.ratelimit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The algorithms a rule may use. The contract also names {@code fixed_window} and {@code leaky_bucket}; they are not
 * offered (a sliding window is the exact form of the first, a token bucket the bursty form of the second).
 */
public enum RateLimitAlgorithm {
    /** at most {@code requests} in any {@code window_seconds} (a sorted set of request times per key) */
    SLIDING_WINDOW("sw"),
    /** refills {@code requests} per {@code window_seconds}, holds up to {@code requests × burst_multiplier} */
    TOKEN_BUCKET("tb");

    private final String keyTag;

    RateLimitAlgorithm(String keyTag) {
        this.keyTag = keyTag;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Short tag in the Redis key, so the two algorithms' data structures never share a key. */
    String keyTag() {
        return keyTag;
    }

    /** Reads a stored rule; requests are validated before anything is stored. */
    @JsonCreator
    static RateLimitAlgorithm of(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("Unknown algorithm '" + name + "'"));
    }

    public static Optional<RateLimitAlgorithm> fromWireName(String name) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.wireName().equals(name)).findFirst();
    }

    static Optional<RateLimitAlgorithm> fromKeyTag(String tag) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.keyTag.equals(tag)).findFirst();
    }

    static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(RateLimitAlgorithm::wireName).toList());
    }
}

package io.integr8s.api.ratelimit;

/**
 * Whose requests a counter counts: an authenticated user, or a client address. The {@code {…}} hash tag keeps all of
 * a subject's keys in one Redis Cluster slot, so one script may touch them together.
 */
record Subject(String kind, String id) {

    static Subject user(String userId) {
        return new Subject("user", userId);
    }

    static Subject address(String address) {
        return new Subject("ip", address);
    }

    /** {@code ratelimit:{user:<id>}:} — every key of this subject starts with it. */
    String keyPrefix() {
        return "ratelimit:{" + kind + ":" + id + "}:";
    }

    String indexKey() {
        return keyPrefix() + "keys";
    }

    String counterKey(RateLimitAlgorithm algorithm, String route) {
        return keyPrefix() + algorithm.keyTag() + ":" + route;
    }
}

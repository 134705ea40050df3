package io.integr8s.api.ratelimit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Both algorithms against a real redis-server (the one the embedded stack uses), without Spring. */
class RateLimitCountersTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final Path SYSTEM_REDIS = Path.of("/usr/bin/redis-server");

    private static RedisServer server;
    private static RedissonClient redisson;
    private static RateLimitCounters counters;

    @BeforeAll
    static void startRedis() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer()
                .executableProvider(Files.isExecutable(SYSTEM_REDIS) ? SYSTEM_REDIS::toFile
                        : ExecutableProvider.newJarResourceProvider())
                .bind("127.0.0.1").port(port).setting("save \"\"").setting("appendonly no").build();
        server.start();
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port);
        redisson = Redisson.create(config);
        counters = new RateLimitCounters(redisson);
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redisson.shutdown();
        server.stop();
    }

    private static Subject someone() {
        return Subject.user(UUID.randomUUID().toString());
    }

    private static EffectiveLimit limit(RateLimitAlgorithm algorithm, int requests, int windowSeconds, double burst) {
        return EffectiveLimit.of(new RateLimitRule("^/", EndpointGroup.API, requests, windowSeconds, algorithm, burst, 0,
                true), 1.0);
    }

    private static Decision consume(Subject subject, String route, EffectiveLimit limit) {
        return counters.consume(subject, route, limit).block(WITHIN);
    }

    /** Spends every request the limit allows at once (each told how many are left); returns the next one's refusal. */
    private static Decision refusedAfterSpending(Subject subject, EffectiveLimit limit) {
        for (long remaining = limit.capacity() - 1; remaining >= 0; remaining--) {
            Decision allowed = consume(subject, "/r", limit);
            assertThat(allowed.allowed()).isTrue();
            assertThat(allowed.remaining()).isEqualTo(remaining);
            assertThat(allowed.limit()).isEqualTo(limit.capacity());
        }
        Decision refused = consume(subject, "/r", limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        return refused;
    }

    private static void awaitAllowedAgain(Subject subject, EffectiveLimit limit, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> consume(subject, "/r", limit).allowed());
    }

    @Test
    void aSlidingWindowAllowsExactlyItsLimitThenSaysWhenTheOldestRequestLeaves() {
        Subject subject = someone();
        EffectiveLimit limit = limit(RateLimitAlgorithm.SLIDING_WINDOW, 3, 60, 1.5);
        assertThat(limit.capacity()).isEqualTo(3);

        Decision denied = refusedAfterSpending(subject, limit);

        assertThat(Duration.between(denied.now(), denied.retryAt())).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
        assertThat(denied.retryAfterSeconds()).isBetween(59L, 60L);
        assertThat(consume(subject, "/r", limit).allowed()).as("a denied request takes no slot").isFalse();
    }

    @Test
    void aSlidingWindowLetsRequestsInAgainOnceTheOldOnesLeaveIt() {
        Subject subject = someone();
        EffectiveLimit limit = limit(RateLimitAlgorithm.SLIDING_WINDOW, 2, 1, 1.5);
        refusedAfterSpending(subject, limit);

        awaitAllowedAgain(subject, limit, Duration.ofSeconds(3));
    }

    @Test
    void aTokenBucketHoldsItsBurstAndRefillsAtItsRate() {
        Subject subject = someone();
        EffectiveLimit limit = limit(RateLimitAlgorithm.TOKEN_BUCKET, 2, 1, 2.0);
        assertThat(limit.capacity()).isEqualTo(4);

        Decision denied = refusedAfterSpending(subject, limit);

        assertThat(Duration.between(denied.now(), denied.retryAt())).as("2 tokens a second: one every 500 ms")
                .isBetween(Duration.ofMillis(1), Duration.ofMillis(500));
        assertThat(Duration.between(denied.now(), denied.resetAt())).as("full again after 4 tokens at 2 a second")
                .isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
        awaitAllowedAgain(subject, limit, Duration.ofSeconds(2));
    }

    @Test
    void routesSubjectsAndAlgorithmsCountApart() {
        Subject user = someone();
        EffectiveLimit one = limit(RateLimitAlgorithm.SLIDING_WINDOW, 1, 60, 1.5);
        assertThat(consume(user, "/a", one).allowed()).isTrue();
        assertThat(consume(user, "/a", one).allowed()).isFalse();

        assertThat(consume(user, "/b", one).allowed()).isTrue();
        assertThat(consume(Subject.address(user.id()), "/a", one).allowed()).as("an address is not a user").isTrue();
        assertThat(consume(user, "/a", limit(RateLimitAlgorithm.TOKEN_BUCKET, 1, 60, 1.0)).allowed()).isTrue();
    }

    @Test
    void usageShowsWhatIsLeftPerRouteWithoutSpendingIt() {
        Subject subject = someone();
        EffectiveLimit window = limit(RateLimitAlgorithm.SLIDING_WINDOW, 5, 60, 1.5);
        EffectiveLimit bucket = limit(RateLimitAlgorithm.TOKEN_BUCKET, 10, 60, 1.0);
        consume(subject, "/api/v1/things/{id}", window);
        consume(subject, "/api/v1/things/{id}", window);
        consume(subject, "/api/v1/other", bucket);
        var limits = Map.of("/api/v1/things/{id}", window, "/api/v1/other", bucket);

        for (int look = 0; look < 2; look++) {
            Map<String, EndpointUsageStats> usage = counters.usage(subject,
                    route -> Optional.ofNullable(limits.get(route))).block(WITHIN);
            assertThat(usage).containsOnly(
                    Map.entry("/api/v1/things/{id}", new EndpointUsageStats(RateLimitAlgorithm.SLIDING_WINDOW, 3)),
                    Map.entry("/api/v1/other", new EndpointUsageStats(RateLimitAlgorithm.TOKEN_BUCKET, 9)));
        }
        assertThat(counters.usage(subject, route -> Optional.empty()).block(WITHIN))
                .as("a route no rule limits any more").isEmpty();
    }

    @Test
    void clearingASubjectGivesBackEveryLimitAndLeavesOthersAlone() {
        Subject cleared = someone();
        Subject other = someone();
        EffectiveLimit one = limit(RateLimitAlgorithm.SLIDING_WINDOW, 1, 60, 1.5);
        EffectiveLimit bucket = limit(RateLimitAlgorithm.TOKEN_BUCKET, 1, 60, 1.0);
        consume(cleared, "/a", one);
        consume(cleared, "/b", bucket);
        consume(other, "/a", one);

        counters.clear(cleared).block(WITHIN);

        assertThat(consume(cleared, "/a", one).allowed()).isTrue();
        assertThat(consume(cleared, "/b", bucket).allowed()).isTrue();
        assertThat(consume(other, "/a", one).allowed()).isFalse();
        assertThat(redisson.getKeys().countExists(cleared.indexKey())).isOne();
    }
}

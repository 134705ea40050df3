package io.integr8s.api.auth;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Locks an account after too many failed sign-ins, for every instance at once (the counters live in Redis).
 * Without Redis it fails open: sign-in keeps working, unlocked, and the outage is logged once.
 */
@Component
public class LoginLockout {

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);
    private static final Duration REDIS_BUDGET = Duration.ofMillis(500);

    private final RedissonClient redisson;
    private final AtomicBoolean redisDown = new AtomicBoolean();

    public LoginLockout(RedissonClient redisson) {
        this.redisson = redisson;
    }

    /** How much longer the account stays locked; empty when it is not locked. */
    public Mono<Duration> lockedFor(String username) {
        return guarded(Mono.fromCompletionStage(redisson.getBucket(lockKey(username), StringCodec.INSTANCE).remainTimeToLiveAsync())
                .filter(millis -> millis > 0).map(Duration::ofMillis));
    }

    /** Counts a failed sign-in; true when this failure locked the account. */
    public Mono<Boolean> recordFailure(String username, AuthPolicy rules) {
        var failures = redisson.getAtomicLong(failuresKey(username));
        return guarded(Mono.fromCompletionStage(failures.incrementAndGetAsync())
                .flatMap(count -> Mono.fromCompletionStage(failures.expireAsync(rules.lockoutDuration())).thenReturn(count))
                .flatMap(count -> count < rules.maxLoginAttempts() ? Mono.just(false)
                        : Mono.fromCompletionStage(redisson.getBucket(lockKey(username), StringCodec.INSTANCE)
                                        .setAsync("locked", rules.lockoutDuration()))
                                .then(Mono.fromCompletionStage(failures.deleteAsync())).thenReturn(true)));
    }

    /** Forgets failures and any lock (a successful sign-in, or an admin's unlock). True if it was locked. */
    public Mono<Boolean> clear(String username) {
        return guarded(Mono.fromCompletionStage(redisson.getKeys().deleteAsync(lockKey(username), failuresKey(username)))
                .map(deleted -> deleted > 0));
    }

    private <T> Mono<T> guarded(Mono<T> call) {
        return call.timeout(REDIS_BUDGET)
                .doOnSuccess(ignored -> {
                    if (redisDown.compareAndSet(true, false)) {
                        log.info("Redis answers again; login lockout is enforced again");
                    }
                })
                .onErrorResume(error -> {
                    if (redisDown.compareAndSet(false, true)) {
                        log.warn("Redis is unreachable ({}); login lockout is NOT enforced until it is back", error.toString());
                    }
                    return Mono.empty();
                });
    }

    private static String lockKey(String username) {
        return "auth:locked:" + username.toLowerCase(Locale.ROOT);
    }

    private static String failuresKey(String username) {
        return "auth:failures:" + username.toLowerCase(Locale.ROOT);
    }
}

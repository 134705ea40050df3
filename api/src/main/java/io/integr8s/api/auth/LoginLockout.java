package io.integr8s.api.auth;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Failed sign-ins, for every instance at once (the counters live in Redis). Too many failures for one username from
 * one client address lock that pair only: a stranger locks out their own address, never the account's owner signing
 * in from another. Across all addresses, failures for a username only slow its sign-ins down (each waits a moment
 * before the password is checked), they never refuse the right password. Without Redis it fails open: sign-in keeps
 * working, unlocked and not slowed, and the outage is logged once.
 */
@Component
public class LoginLockout {

    /** Longest wait a username's failures impose on each sign-in attempt for it. */
    static final Duration MAX_SLOWDOWN = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);
    private static final Duration REDIS_BUDGET = Duration.ofMillis(500);

    private final RedissonClient redisson;
    private final AtomicBoolean redisDown = new AtomicBoolean();

    public LoginLockout(RedissonClient redisson) {
        this.redisson = redisson;
    }

    /** How much longer this username stays locked for this client address; empty when it is not locked. */
    Mono<Duration> lockedFor(String username, String address) {
        return guarded(Mono.fromCompletionStage(redisson.getBucket(lockKey(username, address), StringCodec.INSTANCE)
                .remainTimeToLiveAsync()).filter(millis -> millis > 0).map(Duration::ofMillis));
    }

    /**
     * How long an attempt for this username waits before its password is checked: nothing until the failures from
     * all addresses reach the policy's attempts, then one more second per failure, at most {@link #MAX_SLOWDOWN}.
     */
    Mono<Duration> slowdownFor(String username, AuthPolicy rules) {
        return guarded(Mono.fromCompletionStage(redisson.getAtomicLong(failuresKey(username)).getAsync()))
                .map(failures -> failures < rules.maxLoginAttempts() ? Duration.ZERO
                        : Duration.ofSeconds(Math.min(MAX_SLOWDOWN.toSeconds(), failures - rules.maxLoginAttempts() + 1)))
                .defaultIfEmpty(Duration.ZERO);
    }

    /** Counts a failed sign-in for the username and for the pair; true when this failure locked the pair. */
    Mono<Boolean> recordFailure(String username, String address, AuthPolicy rules) {
        var total = redisson.getAtomicLong(failuresKey(username));
        var fromAddress = redisson.getAtomicLong(failuresKey(username, address));
        return guarded(Mono.fromCompletionStage(total.incrementAndGetAsync())
                .then(Mono.fromCompletionStage(total.expireAsync(rules.lockoutDuration())))
                .then(Mono.fromCompletionStage(fromAddress.incrementAndGetAsync()))
                .flatMap(count -> Mono.fromCompletionStage(fromAddress.expireAsync(rules.lockoutDuration())).thenReturn(count))
                .flatMap(count -> count < rules.maxLoginAttempts() ? Mono.just(false)
                        : Mono.fromCompletionStage(redisson.getBucket(lockKey(username, address), StringCodec.INSTANCE)
                                        .setAsync("locked", rules.lockoutDuration()))
                                .then(Mono.fromCompletionStage(fromAddress.deleteAsync())).thenReturn(true)));
    }

    /** A successful sign-in: forgets the username's failures and this pair's. */
    Mono<Void> signedIn(String username, String address) {
        return guarded(Mono.fromCompletionStage(redisson.getKeys().deleteAsync(failuresKey(username),
                failuresKey(username, address), lockKey(username, address)))).then();
    }

    /** An admin's unlock (or the account's deletion): every address's lock and every failure. True if any was locked. */
    public Mono<Boolean> unlock(String username) {
        String user = encoded(username);
        return guarded(Mono.fromCompletionStage(redisson.getKeys().deleteByPatternAsync("auth:locked:" + user + ":*"))
                .flatMap(locks -> Mono.fromCompletionStage(redisson.getKeys()
                                .deleteByPatternAsync("auth:failures:" + user + ":*"))
                        .then(Mono.fromCompletionStage(redisson.getKeys().deleteAsync(failuresKey(username))))
                        .thenReturn(locks > 0)));
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

    private static String lockKey(String username, String address) {
        return "auth:locked:" + encoded(username) + ":" + address;
    }

    private static String failuresKey(String username) {
        return "auth:failures:" + encoded(username);
    }

    private static String failuresKey(String username, String address) {
        return failuresKey(username) + ":" + address;
    }

    /** Base64url: no ':' to confuse a username with an address, and no glob character for {@link #unlock}'s pattern. */
    private static String encoded(String username) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(username.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}

package io.integr8s.api.ratelimit;

import io.integr8s.api.web.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-user overrides: stored in PostgreSQL, cached on each instance, and dropped from every instance's cache the
 * moment one changes (a notice over Redis), so a change applies everywhere within a second without a database read
 * per request. Also the public face for other features: {@link #summaryOf} for user views, {@link #deleteFor} when
 * a user is deleted.
 */
@Component
public class RateLimitOverrides implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimitOverrides.class);

    private record Cached(Optional<ActiveOverride> override, Instant expiresAt) {
    }

    private final RateLimitOverrideStore store;
    private final OverrideChangeNotices notices;
    private final RateLimitCounters counters;
    private final RateLimitProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a load that raced with one is not cached. */
    private final AtomicLong generation = new AtomicLong();

    RateLimitOverrides(RateLimitOverrideStore store, OverrideChangeNotices notices, RateLimitCounters counters,
                       RateLimitProperties properties) {
        this.store = store;
        this.notices = notices;
        this.counters = counters;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        notices.listen(this::forget, this::forgetAll);
    }

    /** The user's override as stored, or empty when the user has the defaults. */
    public Mono<Optional<UserRateLimitConfig>> find(String userId) {
        return Blocking.call(() -> store.find(userId));
    }

    /** The three summary fields of the contract's user views. */
    public Mono<RateLimitSummary> summaryOf(String userId) {
        return active(userId).map(override -> override.map(o -> RateLimitSummary.of(o.config()))
                .orElse(RateLimitSummary.DEFAULTS));
    }

    /** Stores (or replaces) a user's override and has every instance apply it. */
    Mono<UserRateLimitConfig> save(String userId, boolean bypass, double multiplier, List<RateLimitRule> rules,
                                   String notes) {
        Instant now = clock.instant();
        return Blocking.call(() -> store.save(new UserRateLimitConfig(userId, bypass, multiplier, rules, now, now, notes)))
                .flatMap(saved -> changed(userId).thenReturn(saved));
    }

    /**
     * Removes everything the limiter holds about a user: the override (back to the defaults, on every instance) and
     * the user's counters (the next request starts with the full limit). True when an override existed.
     */
    public Mono<Boolean> deleteFor(String userId) {
        return Blocking.call(() -> store.delete(userId))
                .flatMap(existed -> changed(userId).then(clearCounters(userId)).thenReturn(existed));
    }

    /** The override the limiter applies to this user now: from this instance's cache, from PostgreSQL on a miss. */
    Mono<Optional<ActiveOverride>> active(String userId) {
        Cached cached = cache.get(userId);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return Mono.just(cached.override());
        }
        long loadedIn = generation.get();
        return find(userId).map(config -> config.map(ActiveOverride::of)).doOnNext(override -> {
            if (generation.get() == loadedIn) {
                cache.put(userId, new Cached(override, clock.instant().plus(properties.overrideCacheTtl())));
            }
        });
    }

    private Mono<Void> changed(String userId) {
        forget(userId);
        return notices.announce(userId).onErrorResume(error -> {
            log.warn("Rate-limit override of user {} changed, but other instances could not be told ({}); they apply it"
                    + " within integr8s.rate-limit.override-cache-ttl ({})", userId, error.toString(),
                    properties.overrideCacheTtl());
            return Mono.empty();
        });
    }

    private Mono<Void> clearCounters(String userId) {
        return counters.clear(Subject.user(userId)).onErrorResume(error -> {
            log.warn("Rate-limit counters of user {} could not be cleared ({}); they expire by themselves within their"
                    + " window", userId, error.toString());
            return Mono.empty();
        });
    }

    private void forget(String userId) {
        generation.incrementAndGet();
        cache.remove(userId);
    }

    private void forgetAll() {
        generation.incrementAndGet();
        cache.clear();
    }

}

package io.integr8s.api.ratelimit;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The counters in Redis: one Lua script per algorithm, atomic per request, so every instance shares each count.
 * Each subject keeps an index of its keys (a set), so its usage can be read and its counters cleared without SCAN.
 */
@Component
class RateLimitCounters {

    private static final String SLIDING_WINDOW_LUA = script("sliding_window.lua");
    private static final String TOKEN_BUCKET_LUA = script("token_bucket.lua");

    private final RedissonClient redisson;

    RateLimitCounters(RedissonClient redisson) {
        this.redisson = redisson;
    }

    /** Counts one request of {@code subject} on {@code route} and says whether it may pass. */
    Mono<Decision> consume(Subject subject, String route, EffectiveLimit limit) {
        return run(subject, route, limit, 1);
    }

    /** How much of each route's limit a subject has left, by route; routes no rule limits any more are left out. */
    Mono<Map<String, EndpointUsageStats>> usage(Subject subject, Function<String, Optional<EffectiveLimit>> limitOf) {
        return Mono.fromCompletionStage(redisson.<String>getSet(subject.indexKey(), StringCodec.INSTANCE).readAllAsync())
                .flatMapMany(Flux::fromIterable)
                .concatMap(key -> usageOf(subject, key, limitOf))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Map.Entry<String, EndpointUsageStats>> usageOf(Subject subject, String key,
                                                               Function<String, Optional<EffectiveLimit>> limitOf) {
        String rest = key.substring(subject.keyPrefix().length());
        int colon = rest.indexOf(':');
        Optional<RateLimitAlgorithm> algorithm = RateLimitAlgorithm.fromKeyTag(rest.substring(0, Math.max(colon, 0)));
        String route = rest.substring(colon + 1);
        return Mono.justOrEmpty(algorithm.flatMap(stored -> limitOf.apply(route).filter(limit -> limit.algorithm() == stored)))
                .flatMap(limit -> Mono.fromCompletionStage(redisson.getBucket(key).isExistsAsync())
                        .filter(Boolean::booleanValue)
                        .flatMap(exists -> run(subject, route, limit, 0))
                        .map(decision -> Map.entry(route, new EndpointUsageStats(limit.algorithm(), decision.remaining()))));
    }

    /** Forgets every count of a subject: its next request starts with the full limit. */
    Mono<Void> clear(Subject subject) {
        return Mono.fromCompletionStage(redisson.<String>getSet(subject.indexKey(), StringCodec.INSTANCE).readAllAsync())
                .flatMap(keys -> {
                    String[] all = keys.toArray(new String[keys.size() + 1]);
                    all[keys.size()] = subject.indexKey();
                    return Mono.fromCompletionStage(redisson.getKeys().deleteAsync(all));
                })
                .then();
    }

    private Mono<Decision> run(Subject subject, String route, EffectiveLimit limit, int cost) {
        String key = subject.counterKey(limit.algorithm(), route);
        List<Object> keys = List.of(key, subject.indexKey());
        RScript script = redisson.getScript(StringCodec.INSTANCE);
        Object[] arguments = switch (limit.algorithm()) {
            case SLIDING_WINDOW -> new Object[]{Long.toString(limit.capacity()), Long.toString(limit.windowMillis()),
                    Integer.toString(cost), UUID.randomUUID().toString()};
            case TOKEN_BUCKET -> new Object[]{Long.toString(limit.capacity()),
                    Double.toString((double) limit.requests() / limit.windowMillis()), Integer.toString(cost)};
        };
        String lua = switch (limit.algorithm()) {
            case SLIDING_WINDOW -> SLIDING_WINDOW_LUA;
            case TOKEN_BUCKET -> TOKEN_BUCKET_LUA;
        };
        return Mono.fromFuture(() -> script.<List<Long>>evalAsync(key, RScript.Mode.READ_WRITE, lua,
                        RScript.ReturnType.MULTI, keys, arguments).toCompletableFuture())
                .map(reply -> new Decision(reply.get(0) == 1, limit.capacity(), reply.get(1),
                        Instant.ofEpochMilli(reply.get(2)), Instant.ofEpochMilli(reply.get(3)),
                        Instant.ofEpochMilli(reply.get(4))));
    }

    private static String script(String name) {
        try {
            return new ClassPathResource(name, RateLimitCounters.class).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Rate-limit script " + name + " is missing from the jar", e);
        }
    }
}

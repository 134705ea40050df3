package io.integr8s.api.ratelimit;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.function.Consumer;

/** Tells every instance (over a Redis channel) that a user's override changed, so each drops its cached copy. */
@Component
class OverrideChangeNotices {

    private final RTopic topic;

    OverrideChangeNotices(RedissonClient redisson) {
        this.topic = redisson.getTopic("ratelimit:overrides-changed", StringCodec.INSTANCE);
    }

    /**
     * {@code changed} receives each changed user id; {@code subscribed} runs whenever the channel is (re)subscribed,
     * since notices sent while this instance was cut off from Redis are lost.
     */
    void listen(Consumer<String> changed, Runnable subscribed) {
        topic.addListenerAsync(String.class, (channel, userId) -> changed.accept(userId));
        topic.addListenerAsync(new StatusListener() {
            @Override
            public void onSubscribe(String channel) {
                subscribed.run();
            }

            @Override
            public void onUnsubscribe(String channel) {
                // nothing to do: the next subscribe drops what may have been missed
            }
        });
    }

    Mono<Void> announce(String userId) {
        return Mono.fromCompletionStage(topic.publishAsync(userId)).then();
    }
}

package io.integr8s.api.notification;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Arrays;

/** Channel subscriptions in MongoDB; a channel without a stored one answers its defaults. */
@Component
public class SubscriptionStore {

    private final ReactiveMongoTemplate mongo;
    private final Clock clock = Clock.systemUTC();

    public SubscriptionStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<NotificationSubscription> of(String userId, NotificationChannel channel) {
        return mongo.findById(NotificationSubscription.idOf(userId, channel), NotificationSubscription.class)
                .switchIfEmpty(Mono.fromSupplier(() -> NotificationSubscription.defaults(userId, channel, clock.instant())));
    }

    /** Every channel, in the contract's order. */
    public Flux<NotificationSubscription> allOf(String userId) {
        return Flux.fromIterable(Arrays.asList(NotificationChannel.values())).concatMap(channel -> of(userId, channel));
    }

    public Mono<NotificationSubscription> save(NotificationSubscription subscription) {
        return mongo.save(subscription);
    }
}

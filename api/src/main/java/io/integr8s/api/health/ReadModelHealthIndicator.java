package io.integr8s.api.health;

import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The read-model store answers {@code ping}. Replaces Spring Boot's Mongo indicator, whose {@code hello} command
 * the embedded Mongo-wire server does not implement (management.health.mongo.enabled is false).
 */
@Component("readModels")
public class ReadModelHealthIndicator implements ReactiveHealthIndicator {

    private final ReactiveMongoTemplate mongo;

    public ReadModelHealthIndicator(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Health> health() {
        return mongo.executeCommand(new Document("ping", 1))
                .map(answer -> Health.up().withDetail("ping", "ok").build())
                .onErrorResume(error -> Mono.just(Health.down(error).build()));
    }
}

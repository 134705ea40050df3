package io.integr8s.api.notification;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.user.CurrentUserResolver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The user's channel subscriptions (contract: {@code /notifications/subscriptions}). */
@RestController
public class SubscriptionController {

    private final SubscriptionStore store;
    private final SubscriptionRules rules;
    private final CurrentUserResolver users;
    private final Clock clock = Clock.systemUTC();

    public SubscriptionController(SubscriptionStore store, SubscriptionRules rules, CurrentUserResolver users) {
        this.store = store;
        this.rules = rules;
        this.users = users;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SubscriptionResponse(String userId, NotificationChannel channel, List<NotificationSeverity> severities,
                                       List<String> includeTags, List<String> excludeTags, boolean enabled,
                                       String webhookUrl, String slackWebhook, boolean quietHoursEnabled,
                                       String quietHoursStart, String quietHoursEnd, String timezone,
                                       int batchIntervalMinutes, Instant createdAt, Instant updatedAt) {

        static SubscriptionResponse of(NotificationSubscription s) {
            return new SubscriptionResponse(s.userId(), s.channel(), s.severities(), s.includeTags(), s.excludeTags(),
                    s.enabled(), s.webhookUrl(), s.slackWebhook(), s.quietHoursEnabled(), s.quietHoursStart(),
                    s.quietHoursEnd(), s.timezone(), s.batchIntervalMinutes(), s.createdAt(), s.updatedAt());
        }
    }

    public record SubscriptionsResponse(List<SubscriptionResponse> subscriptions) {
    }

    @GetMapping("/api/v1/notifications/subscriptions")
    public Mono<SubscriptionsResponse> list(ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> store.allOf(user.id()).map(SubscriptionResponse::of).collectList())
                .map(SubscriptionsResponse::new);
    }

    /**
     * Replaces the channel's subscription; fields left out take their defaults. Nothing is stored unless every field
     * is acceptable (the receiver URL's host resolved and checked off the event loop).
     */
    @PutMapping("/api/v1/notifications/subscriptions/{channel}")
    public Mono<SubscriptionResponse> update(@PathVariable("channel") String channelName,
                                             @RequestBody SubscriptionUpdate body, ServerWebExchange exchange) {
        return users.resolve(exchange).flatMap(user -> {
            NotificationChannel channel = rules.channel(channelName);
            return rules.check(channel, body).flatMap(severities -> store.of(user.id(), channel)
                    .flatMap(current -> store.save(new NotificationSubscription(
                            current.id(), user.id(), channel, body.enabled(), severities, body.includeTags(),
                            body.excludeTags(), body.webhookUrl(), body.slackWebhook(),
                            Boolean.TRUE.equals(body.quietHoursEnabled()), body.quietHoursStart(),
                            body.quietHoursEnd(),
                            body.timezone() == null ? NotificationSubscription.DEFAULT_TIMEZONE : body.timezone(),
                            body.batchIntervalMinutes() == null
                                    ? NotificationSubscription.DEFAULT_BATCH_INTERVAL_MINUTES
                                    : body.batchIntervalMinutes(),
                            current.createdAt(), clock.instant().truncatedTo(ChronoUnit.MILLIS)))));
        }).map(SubscriptionResponse::of);
    }
}

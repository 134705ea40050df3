package io.integr8s.api.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * {@code integr8s.notifications.deliveries{channel,outcome}}: notifications handed to a channel (delivered), not
 * taken after every attempt or refused (failed), or dropped because the subscription no longer takes them
 * (skipped). A digest of a burst counts as one delivery.
 */
@Component
class DeliveryOutcomes {

    enum Outcome { DELIVERED, FAILED, SKIPPED }

    static final String METRIC = "integr8s.notifications.deliveries";

    private final MeterRegistry registry;

    DeliveryOutcomes(MeterRegistry registry) {
        this.registry = registry;
        for (NotificationChannel channel : NotificationChannel.values()) {
            for (Outcome outcome : Outcome.values()) {
                counter(channel, outcome);
            }
        }
    }

    void count(NotificationChannel channel, Outcome outcome) {
        counter(channel, outcome).increment();
    }

    private Counter counter(NotificationChannel channel, Outcome outcome) {
        return Counter.builder(METRIC).description("Notification deliveries by channel and outcome")
                .tag("channel", channel.wireName()).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}

package io.integr8s.api.notification;

import io.integr8s.api.web.ApiBodyValidationException;
import io.integr8s.api.web.ValidationProblem.Violation;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a subscription update must be (contract: SubscriptionUpdate): {@code enabled} given; known severities; the
 * receiver URL of an enabled webhook or Slack channel given and acceptable to {@link ReceiverUrlPolicy}; quiet hours
 * as {@code HH:MM}; a known time zone; a batch interval of 1 minute to 1 day. Every broken field is named. The URLs'
 * host names are resolved off the event loop, within {@code integr8s.notifications.outbound.resolve-timeout}.
 */
@Component
class SubscriptionRules {

    static final int MAX_BATCH_INTERVAL_MINUTES = 1440;

    private final ReceiverUrlPolicy urls;

    SubscriptionRules(ReceiverUrlPolicy urls) {
        this.urls = urls;
    }

    NotificationChannel channel(String name) {
        return NotificationChannel.named(name).orElseThrow(() -> new ApiBodyValidationException(List.of(new Violation(
                "enum", List.of("path", "channel"), "Unknown channel '" + name + "'; use in_app, webhook or slack",
                name))));
    }

    /** The severities it names; an {@link ApiBodyValidationException} naming every broken field. */
    Mono<List<NotificationSeverity>> check(NotificationChannel channel, SubscriptionUpdate update) {
        List<Violation> violations = new ArrayList<>();
        if (update.enabled() == null) {
            violations.add(new Violation("missing", loc("enabled"), "Field required; send enabled: true or false", null));
        }
        List<NotificationSeverity> severities = new ArrayList<>();
        if (update.severities() != null) {
            for (String name : update.severities()) {
                NotificationSeverity.named(name).ifPresentOrElse(severities::add, () -> violations.add(new Violation(
                        "enum", loc("severities"), "Unknown severity '" + name + "'; use low, medium, high or urgent",
                        name)));
            }
        }
        Mono<List<Violation>> urlViolations = Flux.concat(
                url(NotificationChannel.WEBHOOK, "webhook_url", update.webhookUrl(), channel, update),
                url(NotificationChannel.SLACK, "slack_webhook", update.slackWebhook(), channel, update)).collectList();
        time("quiet_hours_start", update.quietHoursStart(), violations);
        time("quiet_hours_end", update.quietHoursEnd(), violations);
        if (update.timezone() != null) {
            try {
                ZoneId.of(update.timezone());
            } catch (DateTimeException e) {
                violations.add(new Violation("value_error", loc("timezone"), "Unknown time zone '" + update.timezone()
                        + "'; use an IANA name such as UTC or Europe/Berlin", update.timezone()));
            }
        }
        Integer interval = update.batchIntervalMinutes();
        if (interval != null && (interval < 1 || interval > MAX_BATCH_INTERVAL_MINUTES)) {
            violations.add(new Violation("value_error", loc("batch_interval_minutes"), "batch_interval_minutes must be "
                    + "between 1 and " + MAX_BATCH_INTERVAL_MINUTES, interval));
        }
        List<NotificationSeverity> named = update.severities() == null ? NotificationSubscription.ALL_SEVERITIES
                : severities;
        return urlViolations.flatMap(urls -> {
            violations.addAll(urls);
            return violations.isEmpty() ? Mono.just(named) : Mono.error(new ApiBodyValidationException(violations));
        });
    }

    private Mono<Violation> url(NotificationChannel urlChannel, String field, String url, NotificationChannel channel,
                                SubscriptionUpdate update) {
        if (url == null) {
            return channel == urlChannel && Boolean.TRUE.equals(update.enabled())
                    ? Mono.just(new Violation("missing", loc(field), "An enabled " + channel.wireName()
                    + " subscription needs " + field + "; give the receiver's URL", null))
                    : Mono.empty();
        }
        return urls.refusalOffTheEventLoop(urlChannel, url).flatMap(refusal -> Mono.justOrEmpty(refusal
                .map(message -> new Violation("value_error", loc(field), message, url))));
    }

    private static void time(String field, String value, List<Violation> violations) {
        if (value == null) {
            return;
        }
        try {
            if (!value.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("not HH:MM", value, 0);
            }
            LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new Violation("value_error", loc(field), field + " must be a time as HH:MM, e.g. 22:00",
                    value));
        }
    }

    private static List<Object> loc(String field) {
        return List.of("body", field);
    }
}

package io.integr8s.api.notification;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * How one user wants one channel, document {@value #COLLECTION} (id {@code <userId>/<channel>}). A channel the user
 * never configured has {@link #defaults}: in-app on for every severity, webhook and Slack off (they need a URL).
 * Quiet hours and the time zone are stored and shown; deliveries do not wait for them yet. {@code batchIntervalMinutes}
 * is how long a burst waits for its digest ({@link NotificationDigests}).
 */
@Document(NotificationSubscription.COLLECTION)
public record NotificationSubscription(@Id String id,
                                       String userId,
                                       NotificationChannel channel,
                                       boolean enabled,
                                       List<NotificationSeverity> severities,
                                       List<String> includeTags,
                                       List<String> excludeTags,
                                       String webhookUrl,
                                       String slackWebhook,
                                       boolean quietHoursEnabled,
                                       String quietHoursStart,
                                       String quietHoursEnd,
                                       String timezone,
                                       int batchIntervalMinutes,
                                       Instant createdAt,
                                       Instant updatedAt) {

    public static final String COLLECTION = "notification_subscriptions";

    static final List<NotificationSeverity> ALL_SEVERITIES = List.of(NotificationSeverity.values());
    static final String DEFAULT_TIMEZONE = "UTC";
    static final int DEFAULT_BATCH_INTERVAL_MINUTES = 60;

    public NotificationSubscription {
        severities = severities == null ? ALL_SEVERITIES : List.copyOf(severities);
        includeTags = includeTags == null ? List.of() : List.copyOf(includeTags);
        excludeTags = excludeTags == null ? List.of() : List.copyOf(excludeTags);
    }

    static String idOf(String userId, NotificationChannel channel) {
        return userId + "/" + channel.wireName();
    }

    static NotificationSubscription defaults(String userId, NotificationChannel channel, Instant now) {
        return new NotificationSubscription(idOf(userId, channel), userId, channel, channel == NotificationChannel.IN_APP,
                ALL_SEVERITIES, List.of(), List.of(), null, null, false, null, null, DEFAULT_TIMEZONE,
                DEFAULT_BATCH_INTERVAL_MINUTES, now, now);
    }

    /** Whether a notification of this severity and these tags goes out on this channel. */
    boolean accepts(NotificationSeverity severity, List<String> tags) {
        return enabled && severities.contains(severity)
                && (includeTags.isEmpty() || tags.stream().anyMatch(includeTags::contains))
                && tags.stream().noneMatch(excludeTags::contains);
    }

    /** Where an outbound channel posts; null for in-app. */
    String receiverUrl() {
        return switch (channel) {
            case WEBHOOK -> webhookUrl;
            case SLACK -> slackWebhook;
            case IN_APP -> null;
        };
    }
}

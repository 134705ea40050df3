package io.integr8s.api.notification;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/** The contract's NotificationResponse: in lists, on the SSE stream and as a webhook's body. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NotificationResponse(String notificationId, NotificationChannel channel, NotificationStatus status,
                                   String subject, String body, String actionUrl, Instant createdAt, Instant readAt,
                                   NotificationSeverity severity, List<String> tags) {

    static NotificationResponse of(Notification notification) {
        return new NotificationResponse(notification.notificationId(), notification.channel(), notification.status(),
                notification.subject(), notification.body(), notification.actionUrl(), notification.createdAt(),
                notification.readAt(), notification.severity(), notification.tags());
    }
}

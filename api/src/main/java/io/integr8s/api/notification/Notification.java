package io.integr8s.api.notification;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One notification of one user on one channel, document {@value #COLLECTION}. Its id is derived from what it is about
 * and the channel, so handling the same event again finds it instead of creating a second one. {@code deliveredAt}
 * is set once the channel took it (stored for in-app, a 2xx answer for webhook and Slack); {@code deletedAt} hides it
 * from its user while keeping the id taken, so a replay does not bring it back.
 */
@Document(Notification.COLLECTION)
public record Notification(@Id String notificationId,
                           String userId,
                           String executionId,
                           NotificationChannel channel,
                           NotificationStatus status,
                           String subject,
                           String body,
                           String actionUrl,
                           NotificationSeverity severity,
                           List<String> tags,
                           Instant createdAt,
                           Instant readAt,
                           Instant deliveredAt,
                           int attempts,
                           String lastError,
                           Instant deletedAt) {

    public static final String COLLECTION = "notifications";

    static final String ID = "_id";
    static final String USER_ID = "userId";
    static final String CHANNEL = "channel";
    static final String STATUS = "status";
    static final String TAGS = "tags";
    static final String CREATED_AT = "createdAt";
    static final String READ_AT = "readAt";
    static final String DELIVERED_AT = "deliveredAt";
    static final String ATTEMPTS = "attempts";
    static final String LAST_ERROR = "lastError";
    static final String DELETED_AT = "deletedAt";

    public Notification {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The same subject on the same channel always gets the same id. */
    static String idFor(String subjectId, NotificationChannel channel) {
        return UUID.nameUUIDFromBytes((subjectId + "/" + channel.wireName()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

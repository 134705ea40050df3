package io.integr8s.api.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** The JSON bodies a notification travels in: the contract's NotificationResponse, and Slack's {@code {text}}. */
@Component
class NotificationJson {

    private final ObjectMapper objectMapper;

    NotificationJson(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    String response(Notification notification) {
        return write(NotificationResponse.of(notification));
    }

    String slackMessage(Notification notification) {
        return write(Map.of("text", "*" + notification.subject() + "*\n" + notification.body() + "\n"
                + notification.actionUrl()));
    }

    String body(Notification notification) {
        return notification.channel() == NotificationChannel.SLACK ? slackMessage(notification) : response(notification);
    }

    /** One post carrying several notifications of one channel, oldest first. */
    String digest(NotificationChannel channel, String digestId, List<Notification> notifications) {
        if (channel == NotificationChannel.SLACK) {
            StringBuilder text = new StringBuilder("*" + notifications.size() + " notifications*");
            notifications.forEach(n -> text.append("\n• *").append(n.subject()).append("*: ").append(n.body())
                    .append(' ').append(n.actionUrl()));
            return write(Map.of("text", text.toString()));
        }
        return write(Map.of("digest_id", digestId, "count", notifications.size(),
                "notifications", notifications.stream().map(NotificationResponse::of).toList()));
    }

    private String write(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a notification as JSON", e);
        }
    }
}

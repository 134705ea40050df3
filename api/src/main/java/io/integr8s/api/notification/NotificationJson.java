package io.integr8s.api.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

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

    private String write(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a notification as JSON", e);
        }
    }
}

package io.integr8s.api.notification;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** The contract's {@code low}, {@code medium}, {@code high}, {@code urgent}. */
public enum NotificationSeverity {
    LOW, MEDIUM, HIGH, URGENT;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<NotificationSeverity> named(String wireName) {
        return WireNames.parse(NotificationSeverity.class, wireName);
    }
}

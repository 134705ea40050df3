package io.integr8s.api.notification;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** A notification's state (the contract's NotificationStatus); {@code read} once its user read it. */
public enum NotificationStatus {
    PENDING, QUEUED, SENDING, DELIVERED, FAILED, SKIPPED, READ, CLICKED;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<NotificationStatus> named(String wireName) {
        return WireNames.parse(NotificationStatus.class, wireName);
    }
}

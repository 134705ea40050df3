package io.integr8s.api.notification;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** Where a notification goes: the contract's {@code in_app}, {@code webhook}, {@code slack}. */
public enum NotificationChannel {
    IN_APP, WEBHOOK, SLACK;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<NotificationChannel> named(String wireName) {
        return WireNames.parse(NotificationChannel.class, wireName);
    }

    /** Delivered by posting to a receiver outside (as opposed to stored and pushed in the app). */
    public boolean isOutbound() {
        return this != IN_APP;
    }
}

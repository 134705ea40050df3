package io.integr8s.query.settings;

import java.util.Objects;

/**
 * A user's notification preferences as their settings hold them now; answered with a
 * {@link io.integr8s.command.settings.api.NotificationPreferences} ({@code DEFAULTS} for a user who never changed them).
 */
public record FindNotificationPreferences(String userId) {

    public FindNotificationPreferences {
        Objects.requireNonNull(userId, "userId");
    }
}

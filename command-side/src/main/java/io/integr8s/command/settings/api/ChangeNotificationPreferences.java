package io.integr8s.command.settings.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces the user's notification preferences. */
public record ChangeNotificationPreferences(String userId,
                                            NotificationPreferences preferences,
                                            String changedBy,
                                            String reason,
                                            Instant changedAt) {

    @TargetAggregateIdentifier
    public String settingsId() {
        return UserSettingsChanged.aggregateId(userId);
    }
}

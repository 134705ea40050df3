package io.integr8s.command.settings.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sets the user's UI theme: light, dark or auto. */
public record ChangeTheme(String userId,
                          String theme,
                          String changedBy,
                          String reason,
                          Instant changedAt) {

    @TargetAggregateIdentifier
    public String settingsId() {
        return UserSettingsChanged.aggregateId(userId);
    }
}

package io.integr8s.command.settings.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sets one custom setting (any JSON value); a null value removes it. */
public record SetCustomSetting(String userId,
                               String key,
                               Object value,
                               String changedBy,
                               String reason,
                               Instant changedAt) {

    @TargetAggregateIdentifier
    public String settingsId() {
        return UserSettingsChanged.aggregateId(userId);
    }
}

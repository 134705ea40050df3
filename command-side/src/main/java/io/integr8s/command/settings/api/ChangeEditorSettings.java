package io.integr8s.command.settings.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces the user's code editor preferences. */
public record ChangeEditorSettings(String userId,
                                   EditorSettings editor,
                                   String changedBy,
                                   String reason,
                                   Instant changedAt) {

    @TargetAggregateIdentifier
    public String settingsId() {
        return UserSettingsChanged.aggregateId(userId);
    }
}

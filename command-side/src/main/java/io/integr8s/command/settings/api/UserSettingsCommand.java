package io.integr8s.command.settings.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** What every command to a user's {@code UserSettings} carries: whose settings, who changes them, why and when. */
public interface UserSettingsCommand {

    String userId();

    /** The user, or an admin acting for them. */
    String changedBy();

    /** Null when none was given. */
    String reason();

    Instant changedAt();

    @TargetAggregateIdentifier
    default String settingsId() {
        return UserSettingsChanged.aggregateId(userId());
    }
}

package io.integr8s.command.system.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Puts every system setting back to the configured {@code defaults}. */
public record ResetSystemSettings(@TargetAggregateIdentifier String settingsId,
                                  SystemSettingsValues defaults,
                                  String changedBy,
                                  Instant changedAt) {
}

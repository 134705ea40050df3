package io.integr8s.command.system.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Replaces every system setting (the admin's PUT).
 *
 * @param defaults the configured defaults: what applied before the first change
 */
public record UpdateSystemSettings(@TargetAggregateIdentifier String settingsId,
                                   SystemSettingsValues settings,
                                   SystemSettingsValues defaults,
                                   String changedBy,
                                   Instant changedAt) {
}

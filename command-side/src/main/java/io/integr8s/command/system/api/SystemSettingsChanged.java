package io.integr8s.command.system.api;

import java.time.Instant;

/**
 * The system settings now in force, for audit with the ones they replaced, who changed them and when.
 *
 * @param reset whether an admin reset them to the configured defaults (rather than put values)
 */
public record SystemSettingsChanged(String settingsId,
                                    SystemSettingsValues settings,
                                    SystemSettingsValues previous,
                                    String changedBy,
                                    Instant changedAt,
                                    boolean reset) {
}

package io.integr8s.command.settings.api;

import java.time.Instant;

/**
 * Puts the user's settings back to what they were at {@code timestamp}; recorded as a new change, history is never
 * rewritten.
 */
public record RestoreUserSettings(String userId,
                                  Instant timestamp,
                                  String changedBy,
                                  String reason,
                                  Instant changedAt) implements UserSettingsCommand {
}

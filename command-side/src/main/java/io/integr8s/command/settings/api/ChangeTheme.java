package io.integr8s.command.settings.api;

import java.time.Instant;

/** Sets the user's UI theme: light, dark or auto. */
public record ChangeTheme(String userId,
                          String theme,
                          String changedBy,
                          String reason,
                          Instant changedAt) implements UserSettingsCommand {
}

package io.integr8s.command.settings.api;

import java.time.Instant;

/** Sets one custom setting (any JSON value); a null value removes it. */
public record SetCustomSetting(String userId,
                               String key,
                               Object value,
                               String changedBy,
                               String reason,
                               Instant changedAt) implements UserSettingsCommand {
}

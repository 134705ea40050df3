package io.integr8s.command.settings.api;

import java.time.Instant;

/** Changes any of a user's settings at once; what the patch leaves out stays. */
public record UpdateUserSettings(String userId,
                                 SettingsPatch patch,
                                 String changedBy,
                                 String reason,
                                 Instant changedAt) implements UserSettingsCommand {
}

package io.integr8s.command.settings.api;

import java.time.Instant;

/** Replaces the user's notification preferences. */
public record ChangeNotificationPreferences(String userId,
                                            NotificationPreferences preferences,
                                            String changedBy,
                                            String reason,
                                            Instant changedAt) implements UserSettingsCommand {
}

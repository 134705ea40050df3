package io.integr8s.command.settings.api;

import java.time.Instant;

/** Replaces the user's code editor preferences. */
public record ChangeEditorSettings(String userId,
                                   EditorSettings editor,
                                   String changedBy,
                                   String reason,
                                   Instant changedAt) implements UserSettingsCommand {
}

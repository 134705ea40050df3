package io.integr8s.command.settings.api;

import java.time.Instant;
import java.util.List;

/**
 * A user's settings changed: every changed field with its old and new value, who changed them (the user or an
 * admin), why, and when.
 *
 * @param restoredFrom the point in time whose settings were restored; null for an ordinary change
 */
public record UserSettingsChanged(String userId,
                                  List<FieldChange> changes,
                                  String changedBy,
                                  String reason,
                                  Instant changedAt,
                                  Instant restoredFrom) {

    public UserSettingsChanged {
        changes = List.copyOf(changes);
    }
}

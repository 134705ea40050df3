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

    private static final String AGGREGATE_PREFIX = "user-settings:";

    public UserSettingsChanged {
        changes = List.copyOf(changes);
    }

    /**
     * The identifier of a user's {@code UserSettings} aggregate. Not the user id itself: the event store numbers
     * events per aggregate identifier whatever the aggregate's type, and the {@code User} aggregate already has that one.
     */
    public static String aggregateId(String userId) {
        return AGGREGATE_PREFIX + userId;
    }
}

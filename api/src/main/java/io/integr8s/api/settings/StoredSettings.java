package io.integr8s.api.settings;

import io.integr8s.command.settings.api.UserSettingsChanged;
import io.integr8s.command.settings.api.UserSettingsValues;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's settings as the read model holds them.
 *
 * @param fields  {@link UserSettingsValues#fields()} of the settings in force
 * @param version the number of changes + 1
 */
record StoredSettings(String userId, Map<String, Object> fields, int version, Instant createdAt, Instant updatedAt) {

    /** What a user's settings are after {@code event}, the aggregate's event {@code sequence}; {@code before} may be null. */
    static StoredSettings after(StoredSettings before, UserSettingsChanged event, long sequence) {
        Map<String, Object> fields = new LinkedHashMap<>(before == null ? UserSettingsValues.DEFAULTS.fields()
                : before.fields());
        event.changes().forEach(change -> change.applyTo(fields));
        return new StoredSettings(event.userId(), fields, Math.toIntExact(sequence + 2),
                before == null ? event.changedAt() : before.createdAt(), event.changedAt());
    }

    UserSettingsValues values() {
        return UserSettingsValues.of(fields);
    }
}

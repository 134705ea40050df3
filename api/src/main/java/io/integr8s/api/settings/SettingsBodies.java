package io.integr8s.api.settings;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.web.ApiBodyValidationException;
import io.integr8s.api.web.ValidationProblem;
import io.integr8s.command.settings.api.EditorSettings;
import io.integr8s.command.settings.api.NotificationPreferences;
import io.integr8s.command.settings.api.SettingsPatch;
import io.integr8s.command.settings.api.UserSettingsValues;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The contract's user settings bodies. In a request, a field left out takes the contract's default. */
final class SettingsBodies {

    private SettingsBodies() {
    }

    /** NotificationSettings. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Notifications(Boolean executionCompleted, Boolean executionFailed, Boolean systemUpdates,
                         Boolean securityAlerts, List<String> channels) {

        static Notifications of(NotificationPreferences preferences) {
            return new Notifications(preferences.executionCompleted(), preferences.executionFailed(),
                    preferences.systemUpdates(), preferences.securityAlerts(), preferences.channels());
        }

        /** @param where the body's path to these preferences, for a violation's {@code loc} */
        NotificationPreferences preferences(String... where) {
            if (channels != null && channels.contains(null)) {
                List<Object> loc = new ArrayList<>(List.of("body"));
                loc.addAll(List.of(where));
                loc.add("channels");
                throw new ApiBodyValidationException(List.of(new ValidationProblem.Violation("value_error", loc,
                        "A channel cannot be null: use in_app, webhook or slack", null)));
            }
            NotificationPreferences defaults = NotificationPreferences.DEFAULTS;
            return new NotificationPreferences(or(executionCompleted, defaults.executionCompleted()),
                    or(executionFailed, defaults.executionFailed()), or(systemUpdates, defaults.systemUpdates()),
                    or(securityAlerts, defaults.securityAlerts()), or(channels, defaults.channels()));
        }
    }

    /** EditorSettings. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Editor(Integer fontSize, Integer tabSize, Boolean useTabs, Boolean wordWrap, Boolean showLineNumbers) {

        static Editor of(EditorSettings editor) {
            return new Editor(editor.fontSize(), editor.tabSize(), editor.useTabs(), editor.wordWrap(),
                    editor.showLineNumbers());
        }

        EditorSettings settings() {
            EditorSettings defaults = EditorSettings.DEFAULTS;
            return new EditorSettings(or(fontSize, defaults.fontSize()), or(tabSize, defaults.tabSize()),
                    or(useTabs, defaults.useTabs()), or(wordWrap, defaults.wordWrap()),
                    or(showLineNumbers, defaults.showLineNumbers()));
        }
    }

    /** UserSettingsUpdate: a field left out (or null) stays as it is. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Update(String theme, String timezone, String dateFormat, String timeFormat, Notifications notifications,
                  Editor editor, Map<String, Object> customSettings) {

        SettingsPatch patch() {
            return new SettingsPatch(theme, timezone, dateFormat, timeFormat,
                    notifications == null ? null : notifications.preferences("notifications"), editor == null ? null : editor.settings(),
                    customSettings);
        }
    }

    /** ThemeUpdateRequest. */
    record ThemeUpdate(String theme) {
    }

    /** RestoreSettingsRequest: {@code timestamp} as ISO 8601 (without an offset: UTC). */
    record Restore(String timestamp, String reason) {
    }

    /** UserSettings. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Response(String userId, String theme, String timezone, String dateFormat, String timeFormat,
                    Notifications notifications, Editor editor, Map<String, Object> customSettings, int version,
                    Instant createdAt, Instant updatedAt) {

        static Response of(String userId, UserSettingsValues values, int version, Instant createdAt, Instant updatedAt) {
            return new Response(userId, values.theme(), values.timezone(), values.dateFormat(), values.timeFormat(),
                    Notifications.of(values.notifications()), Editor.of(values.editor()), values.customSettings(),
                    version, createdAt, updatedAt);
        }
    }

    /** SettingsHistoryEntry. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HistoryEntry(Instant timestamp, String eventType, String field, Object oldValue, Object newValue,
                        String reason) {

        static HistoryEntry of(SettingsHistoryEntry entry) {
            return new HistoryEntry(entry.timestamp(), SettingsHistoryEntry.EVENT_TYPE, entry.field(),
                    SettingsHistoryEntry.value(entry.oldValue()), SettingsHistoryEntry.value(entry.newValue()),
                    entry.reason());
        }
    }

    /** SettingsHistoryResponse. */
    record History(List<HistoryEntry> history, int limit) {
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

package io.integr8s.command.settings.api;

import java.util.Map;

/**
 * A partial update (the contract's UserSettingsUpdate): a null field stays as it is. {@code customSettings}, when
 * given, replaces all custom settings.
 */
public record SettingsPatch(String theme,
                            String timezone,
                            String dateFormat,
                            String timeFormat,
                            NotificationPreferences notifications,
                            EditorSettings editor,
                            Map<String, Object> customSettings) {
}

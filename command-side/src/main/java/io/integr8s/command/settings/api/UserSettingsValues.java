package io.integr8s.command.settings.api;

import io.integr8s.command.system.api.SettingViolation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One user's complete settings (the contract's UserSettings without its bookkeeping). {@link #fields()} lays them
 * out as one value per wire field name, the unit in which changes are recorded; {@link #of(Map)} reads them back.
 * {@link #violations()} holds the rules the {@code UserSettings} aggregate enforces.
 */
public record UserSettingsValues(String theme,
                                 String timezone,
                                 String dateFormat,
                                 String timeFormat,
                                 NotificationPreferences notifications,
                                 EditorSettings editor,
                                 Map<String, Object> customSettings) {

    public static final UserSettingsValues DEFAULTS = new UserSettingsValues("auto", "UTC", "YYYY-MM-DD", "24h",
            NotificationPreferences.DEFAULTS, EditorSettings.DEFAULTS, Map.of());

    public static final Set<String> THEMES = Set.of("light", "dark", "auto");
    public static final Set<String> TIME_FORMATS = Set.of("12h", "24h");
    public static final Set<String> CHANNELS = Set.of("in_app", "webhook", "slack");
    public static final Set<Integer> TAB_SIZES = Set.of(2, 4, 8);
    public static final int MIN_FONT_SIZE = 8;
    public static final int MAX_FONT_SIZE = 32;
    public static final int MAX_CUSTOM_SETTINGS = 100;
    public static final Pattern CUSTOM_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    public static final String CUSTOM_PREFIX = "custom_settings.";
    private static final int MAX_FORMAT_LENGTH = 32;

    public UserSettingsValues {
        // a custom setting with a null value does not exist
        Map<String, Object> custom = new TreeMap<>();
        if (customSettings != null) {
            customSettings.forEach((key, value) -> {
                if (value != null) {
                    custom.put(key, value);
                }
            });
        }
        customSettings = java.util.Collections.unmodifiableMap(custom);
    }

    public UserSettingsValues withTheme(String value) {
        return new UserSettingsValues(value, timezone, dateFormat, timeFormat, notifications, editor, customSettings);
    }

    public UserSettingsValues withNotifications(NotificationPreferences value) {
        return new UserSettingsValues(theme, timezone, dateFormat, timeFormat, value, editor, customSettings);
    }

    public UserSettingsValues withEditor(EditorSettings value) {
        return new UserSettingsValues(theme, timezone, dateFormat, timeFormat, notifications, value, customSettings);
    }

    public UserSettingsValues withCustomSetting(String key, Object value) {
        Map<String, Object> custom = new TreeMap<>(customSettings);
        custom.put(key, value);
        return new UserSettingsValues(theme, timezone, dateFormat, timeFormat, notifications, editor, custom);
    }

    /** These settings with every non-null field of {@code patch} in place of their own. */
    public UserSettingsValues with(SettingsPatch patch) {
        return new UserSettingsValues(or(patch.theme(), theme), or(patch.timezone(), timezone),
                or(patch.dateFormat(), dateFormat), or(patch.timeFormat(), timeFormat),
                or(patch.notifications(), notifications), or(patch.editor(), editor),
                or(patch.customSettings(), customSettings));
    }

    /** One value per wire field name, in the contract's order, custom settings last by key. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("theme", theme);
        fields.put("timezone", timezone);
        fields.put("date_format", dateFormat);
        fields.put("time_format", timeFormat);
        if (notifications != null) {
            fields.put("notifications.execution_completed", notifications.executionCompleted());
            fields.put("notifications.execution_failed", notifications.executionFailed());
            fields.put("notifications.system_updates", notifications.systemUpdates());
            fields.put("notifications.security_alerts", notifications.securityAlerts());
            fields.put("notifications.channels", notifications.channels());
        }
        if (editor != null) {
            fields.put("editor.font_size", editor.fontSize());
            fields.put("editor.tab_size", editor.tabSize());
            fields.put("editor.use_tabs", editor.useTabs());
            fields.put("editor.word_wrap", editor.wordWrap());
            fields.put("editor.show_line_numbers", editor.showLineNumbers());
        }
        customSettings.forEach((key, value) -> fields.put(CUSTOM_PREFIX + key, value));
        return fields;
    }

    /** The settings {@link #fields()} laid out; JSON numbers of any type are read as the integers they hold. */
    public static UserSettingsValues of(Map<String, Object> fields) {
        Map<String, Object> custom = new TreeMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(CUSTOM_PREFIX)) {
                custom.put(field.substring(CUSTOM_PREFIX.length()), value);
            }
        });
        List<String> channels = ((List<?>) fields.get("notifications.channels")).stream().map(String::valueOf).toList();
        return new UserSettingsValues((String) fields.get("theme"), (String) fields.get("timezone"),
                (String) fields.get("date_format"), (String) fields.get("time_format"),
                new NotificationPreferences((Boolean) fields.get("notifications.execution_completed"),
                        (Boolean) fields.get("notifications.execution_failed"),
                        (Boolean) fields.get("notifications.system_updates"),
                        (Boolean) fields.get("notifications.security_alerts"), channels),
                new EditorSettings(((Number) fields.get("editor.font_size")).intValue(),
                        ((Number) fields.get("editor.tab_size")).intValue(), (Boolean) fields.get("editor.use_tabs"),
                        (Boolean) fields.get("editor.word_wrap"), (Boolean) fields.get("editor.show_line_numbers")),
                custom);
    }

    /** Every rule these settings break; empty when they may be applied. */
    public List<SettingViolation> violations() {
        List<SettingViolation> violations = new ArrayList<>();
        if (theme == null || !THEMES.contains(theme)) {
            violations.add(new SettingViolation("theme", theme, "Must be one of light, dark, auto"));
        }
        if (!isZone(timezone)) {
            violations.add(new SettingViolation("timezone", timezone,
                    "Must be an IANA time zone such as UTC or Europe/Berlin"));
        }
        if (dateFormat == null || dateFormat.isBlank() || dateFormat.length() > MAX_FORMAT_LENGTH) {
            violations.add(new SettingViolation("date_format", dateFormat,
                    "Must be a date pattern of 1 to " + MAX_FORMAT_LENGTH + " characters, e.g. YYYY-MM-DD"));
        }
        if (timeFormat == null || !TIME_FORMATS.contains(timeFormat)) {
            violations.add(new SettingViolation("time_format", timeFormat, "Must be 12h or 24h"));
        }
        notificationViolations(violations);
        editorViolations(violations);
        customViolations(violations);
        return violations;
    }

    private void notificationViolations(List<SettingViolation> violations) {
        if (notifications == null) {
            violations.add(new SettingViolation("notifications", null, "Notification preferences are required"));
            return;
        }
        for (String channel : notifications.channels()) {
            if (!CHANNELS.contains(channel)) {
                violations.add(new SettingViolation("notifications.channels", channel,
                        "Each channel must be one of in_app, webhook, slack"));
            }
        }
    }

    private void editorViolations(List<SettingViolation> violations) {
        if (editor == null) {
            violations.add(new SettingViolation("editor", null, "Editor preferences are required"));
            return;
        }
        if (editor.fontSize() < MIN_FONT_SIZE || editor.fontSize() > MAX_FONT_SIZE) {
            violations.add(new SettingViolation("editor.font_size", editor.fontSize(),
                    "Must be between " + MIN_FONT_SIZE + " and " + MAX_FONT_SIZE + ", got " + editor.fontSize()));
        }
        if (!TAB_SIZES.contains(editor.tabSize())) {
            violations.add(new SettingViolation("editor.tab_size", editor.tabSize(),
                    "Must be 2, 4 or 8, got " + editor.tabSize()));
        }
    }

    private void customViolations(List<SettingViolation> violations) {
        for (String key : customSettings.keySet()) {
            if (!CUSTOM_KEY.matcher(key).matches()) {
                violations.add(new SettingViolation("custom_settings", key, "A custom setting's key must be 1 to 64 "
                        + "letters, digits or any of _ . : -, starting with a letter or digit"));
            }
        }
        if (customSettings.size() > MAX_CUSTOM_SETTINGS) {
            violations.add(new SettingViolation("custom_settings", customSettings.size(), "At most "
                    + MAX_CUSTOM_SETTINGS + " custom settings; remove some (set them to null) before adding others"));
        }
    }

    private static boolean isZone(String zone) {
        if (zone == null) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

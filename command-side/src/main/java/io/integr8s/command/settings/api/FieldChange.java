package io.integr8s.command.settings.api;

import java.util.Map;

/**
 * One setting that changed. {@code field} is its wire name, nested ones with a dot ({@code theme},
 * {@code editor.font_size}, {@code notifications.channels}, {@code custom_settings.<key>}); the values are JSON
 * values (string, number, boolean, list, map). A null {@code oldValue} of a custom setting means it did not exist,
 * a null {@code newValue} that it was removed.
 */
public record FieldChange(String field, Object oldValue, Object newValue) {

    /** Makes this change in {@code fields} ({@code UserSettingsValues#fields()}). */
    public void applyTo(Map<String, Object> fields) {
        if (newValue == null) {
            fields.remove(field);
        } else {
            fields.put(field, newValue);
        }
    }
}

package io.integr8s.api.system;

import io.integr8s.command.system.api.SystemSettingsValues;
import org.springframework.stereotype.Component;

/**
 * The system settings in force, the same on every instance as soon as a change returned: one primary-key read of
 * PostgreSQL (blocking: call it off the event loop, e.g. on {@code Schedulers.boundedElastic()}), or the
 * configured defaults while nobody changed them.
 */
@Component
public class CurrentSystemSettings {

    private final SystemSettingsTable table;
    private final SystemSettingsValues defaults;

    public CurrentSystemSettings(SystemSettingsTable table, SystemSettingsProperties properties) {
        this.table = table;
        this.defaults = properties.defaults();
    }

    public SystemSettingsValues current() {
        return table.read().orElse(defaults);
    }

    /** What applies before any change and what a reset restores ({@code integr8s.system-settings.*}). */
    public SystemSettingsValues defaults() {
        return defaults;
    }
}

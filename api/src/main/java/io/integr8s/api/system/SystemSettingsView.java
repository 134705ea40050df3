package io.integr8s.api.system;

import io.integr8s.command.system.api.SystemSettingsChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link SystemSettingsTable} equal to the last change. Its processing group is subscribing
 * (application.yml): the row is written in the unit of work and database transaction that append the event, so
 * once a PUT returned, every instance reads the new settings; and a failed write fails the change itself.
 */
@Component
@ProcessingGroup(SystemSettingsView.PROCESSING_GROUP)
public class SystemSettingsView {

    public static final String PROCESSING_GROUP = "system-settings";

    private final SystemSettingsTable table;

    public SystemSettingsView(SystemSettingsTable table) {
        this.table = table;
    }

    @EventHandler
    void on(SystemSettingsChanged event) {
        table.write(event.settings());
    }
}

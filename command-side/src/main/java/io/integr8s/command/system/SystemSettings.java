package io.integr8s.command.system;

import io.integr8s.command.system.api.InvalidSystemSettings;
import io.integr8s.command.system.api.ResetSystemSettings;
import io.integr8s.command.system.api.SettingViolation;
import io.integr8s.command.system.api.SystemSettingsChanged;
import io.integr8s.command.system.api.SystemSettingsValues;
import io.integr8s.command.system.api.UpdateSystemSettings;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The one set of system settings. Applies only values within the contract's bounds, records every change with the
 * values it replaced, and records nothing when nothing changes. Until the first change the configured defaults
 * (carried by every command) are in force.
 */
public class SystemSettings {

    @AggregateIdentifier
    private String settingsId;
    /** Null until the first change: then the defaults of the command apply. */
    private SystemSettingsValues current;

    protected SystemSettings() {
        // for Axon: created by the first change, rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UpdateSystemSettings command) {
        change(command.settingsId(), command.settings(), command.defaults(), command.changedBy(), command.changedAt(),
                false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ResetSystemSettings command) {
        change(command.settingsId(), command.defaults(), command.defaults(), command.changedBy(), command.changedAt(),
                true);
    }

    private void change(String id, SystemSettingsValues settings, SystemSettingsValues defaults, String changedBy,
                        Instant changedAt, boolean reset) {
        List<SettingViolation> violations = settings.violations();
        if (!violations.isEmpty()) {
            throw new InvalidSystemSettings(violations);
        }
        SystemSettingsValues previous = current != null ? current : defaults;
        if (!settings.equals(previous)) {
            apply(new SystemSettingsChanged(id, settings, previous, changedBy, changedAt, reset));
        }
    }

    @EventSourcingHandler
    void on(SystemSettingsChanged event) {
        settingsId = event.settingsId();
        current = event.settings();
    }
}

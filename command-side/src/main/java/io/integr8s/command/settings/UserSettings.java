package io.integr8s.command.settings;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.integr8s.command.settings.api.ChangeEditorSettings;
import io.integr8s.command.settings.api.ChangeNotificationPreferences;
import io.integr8s.command.settings.api.ChangeTheme;
import io.integr8s.command.settings.api.FieldChange;
import io.integr8s.command.settings.api.InvalidUserSettings;
import io.integr8s.command.settings.api.RestoreUserSettings;
import io.integr8s.command.settings.api.SetCustomSetting;
import io.integr8s.command.settings.api.UpdateUserSettings;
import io.integr8s.command.settings.api.UserSettingsChanged;
import io.integr8s.command.settings.api.UserSettingsCommand;
import io.integr8s.command.settings.api.UserSettingsValues;
import io.integr8s.command.system.api.SettingViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's settings (identifier: {@link UserSettingsChanged#aggregateId} the user id). Applies only settings that keep every rule, records each changed
 * field with its old and new value, who and why, and records nothing when nothing changes. It keeps its own
 * revisions, so a restore computes the state as of any time even when loaded from a snapshot, and records the
 * difference to it as a new change. Snapshots are Jackson documents of its fields.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class UserSettings {

    private static final int MAX_REASON_LENGTH = 1000;

    @AggregateIdentifier
    private String settingsId;
    /** {@link UserSettingsValues#fields()} of the settings in force. */
    private Map<String, Object> fields = new LinkedHashMap<>(UserSettingsValues.DEFAULTS.fields());
    private List<Revision> revisions = new ArrayList<>();

    protected UserSettings() {
        // for Axon: created by the first command, rebuilt from its events or a snapshot
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UpdateUserSettings command) {
        change(command, current().with(command.patch()), null);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeTheme command) {
        change(command, current().withTheme(command.theme()), null);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeNotificationPreferences command) {
        change(command, current().withNotifications(command.preferences()), null);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeEditorSettings command) {
        change(command, current().withEditor(command.editor()), null);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetCustomSetting command) {
        change(command, current().withCustomSetting(command.key(), command.value()), null);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RestoreUserSettings command) {
        if (command.timestamp() == null || command.timestamp().isAfter(command.changedAt())) {
            throw new InvalidUserSettings(List.of(new SettingViolation("timestamp", command.timestamp(),
                    "Must be a past point in time (ISO 8601, e.g. 2026-01-31T12:00:00Z) to restore the settings of")));
        }
        change(command, asOf(command.timestamp()), command.timestamp());
    }

    private void change(UserSettingsCommand command, UserSettingsValues wanted, Instant restoredFrom) {
        List<SettingViolation> violations = new ArrayList<>(wanted.violations());
        if (command.reason() != null && command.reason().length() > MAX_REASON_LENGTH) {
            violations.add(new SettingViolation("reason", command.reason().length() + " characters",
                    "A reason has at most " + MAX_REASON_LENGTH + " characters; shorten it"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidUserSettings(violations);
        }
        // known before any event, so that a command changing nothing still leaves a valid (unsaved) aggregate
        settingsId = command.settingsId();
        List<FieldChange> changes = differences(fields, wanted.fields());
        if (!changes.isEmpty()) {
            apply(new UserSettingsChanged(command.userId(), changes, command.changedBy(), command.reason(),
                    command.changedAt(), restoredFrom));
        }
    }

    private UserSettingsValues current() {
        return UserSettingsValues.of(fields);
    }

    /** The settings after every change recorded at or before {@code timestamp}; the defaults before the first. */
    private UserSettingsValues asOf(Instant timestamp) {
        Map<String, Object> then = new LinkedHashMap<>(UserSettingsValues.DEFAULTS.fields());
        revisions.stream().filter(revision -> !revision.at().isAfter(timestamp))
                .forEach(revision -> revision.changes().forEach(change -> change.applyTo(then)));
        return UserSettingsValues.of(then);
    }

    private static List<FieldChange> differences(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(before.get(name), after.get(name))) {
                changes.add(new FieldChange(name, before.get(name), after.get(name)));
            }
        }
        return changes;
    }

    @EventSourcingHandler
    void on(UserSettingsChanged event) {
        settingsId = UserSettingsChanged.aggregateId(event.userId());
        event.changes().forEach(change -> change.applyTo(fields));
        revisions.add(new Revision(event.changedAt(), event.changes()));
    }
}

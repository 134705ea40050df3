package io.integr8s.api.settings;

import io.integr8s.command.settings.api.UserSettingsChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link UserSettingsStore}: the settings in force and one hash-chained history entry per changed field. A
 * subscribing processor (application.yml): both commit in the transaction that appends the event, so once a change
 * returned every instance reads it (also {@code FindNotificationPreferences}), and the chain follows the event order.
 */
@Component
@ProcessingGroup(UserSettingsProjection.GROUP)
class UserSettingsProjection {

    static final String GROUP = "user-settings";

    private final UserSettingsStore store;

    UserSettingsProjection(UserSettingsStore store) {
        this.store = store;
    }

    @EventHandler
    void on(UserSettingsChanged event, @SequenceNumber long sequence) {
        store.save(StoredSettings.after(store.settings(event.userId()).orElse(null), event, sequence));
        store.append(SettingsHistoryEntry.of(event, sequence, store.lastHash(event.userId())));
    }
}

package io.integr8s.api.settings;

import io.integr8s.command.settings.api.UserSettingsChanged;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Replays a user's settings events from the event store (from the first one, never from a snapshot), recomputes the
 * history entries and their hash chain and the settings they lead to, and compares them with the read model.
 * Blocking: call it off the event loop.
 */
@Component
class SettingsVerifier {

    private final EventStore eventStore;
    private final UserSettingsStore store;

    SettingsVerifier(EventStore eventStore, UserSettingsStore store) {
        this.eventStore = eventStore;
        this.store = store;
    }

    SettingsVerification verify(String userId) {
        List<SettingsHistoryEntry> expected = new ArrayList<>();
        StoredSettings settings = null;
        int events = 0;
        String hash = "";
        for (DomainEventMessage<?> message : eventStore.readEvents(UserSettingsChanged.aggregateId(userId), 0).asStream().toList()) {
            if (message.getPayload() instanceof UserSettingsChanged changed) {
                List<SettingsHistoryEntry> entries = SettingsHistoryEntry.of(changed, message.getSequenceNumber(), hash);
                expected.addAll(entries);
                hash = entries.isEmpty() ? hash : entries.get(entries.size() - 1).hash();
                settings = StoredSettings.after(settings, changed, message.getSequenceNumber());
                events++;
            }
        }
        StoredSettings replayed = settings;
        SettingsVerification.Mismatch mismatch = firstMismatch(expected, store.all(userId))
                .or(() -> settingsMismatch(replayed, store.settings(userId).orElse(null)))
                .orElse(null);
        return new SettingsVerification(userId, events, mismatch == null, mismatch);
    }

    private static Optional<SettingsVerification.Mismatch> firstMismatch(List<SettingsHistoryEntry> expected,
                                                                        List<SettingsHistoryEntry> stored) {
        for (int i = 0; i < Math.max(expected.size(), stored.size()); i++) {
            if (i >= stored.size()) {
                SettingsHistoryEntry missing = expected.get(i);
                return mismatch(i, missing, "missing from the history table, though its event is in the event store");
            }
            SettingsHistoryEntry found = stored.get(i);
            if (i >= expected.size()) {
                return mismatch(i, found, "in the history table, but no event in the event store records it");
            }
            SettingsHistoryEntry wanted = expected.get(i);
            if (!withoutHash(found).equals(withoutHash(wanted))) {
                return mismatch(i, found, "differs from event " + wanted.sequence() + ": stored " + found.oldValue()
                        + " -> " + found.newValue() + ", the event recorded " + wanted.oldValue() + " -> "
                        + wanted.newValue() + " (or its time, actor or reason differ)");
            }
            if (!Objects.equals(found.hash(), wanted.hash())) {
                return mismatch(i, found, "its hash breaks the chain: stored " + found.hash() + ", recomputed "
                        + wanted.hash());
            }
        }
        return Optional.empty();
    }

    /** The settings row against the settings the events lead to (both null for a user who never changed any). */
    private static Optional<SettingsVerification.Mismatch> settingsMismatch(StoredSettings replayed,
                                                                           StoredSettings stored) {
        if (replayed == null && stored == null) {
            return Optional.empty();
        }
        if (replayed == null || stored == null) {
            return Optional.of(settingsRow(replayed == null ? "a settings row exists, but the event store has no "
                    + "settings event of this user" : "no settings row, though the event store has settings events"));
        }
        if (stored.version() != replayed.version()) {
            return Optional.of(settingsRow("the settings row has version " + stored.version() + ", the events make it "
                    + replayed.version()));
        }
        String storedJson = SettingsHistoryEntry.json(stored.fields());
        String replayedJson = SettingsHistoryEntry.json(replayed.fields());
        if (!storedJson.equals(replayedJson)) {
            return Optional.of(settingsRow("the settings row holds " + storedJson + ", the events lead to "
                    + replayedJson));
        }
        return Optional.empty();
    }

    private static SettingsVerification.Mismatch settingsRow(String problem) {
        return new SettingsVerification.Mismatch(null, null, "settings", problem);
    }

    private static SettingsHistoryEntry withoutHash(SettingsHistoryEntry entry) {
        return new SettingsHistoryEntry(entry.userId(), entry.sequence(), entry.index(), entry.timestamp(),
                entry.field(), entry.oldValue(), entry.newValue(), entry.changedBy(), entry.reason(),
                entry.restoredFrom(), null);
    }

    private static Optional<SettingsVerification.Mismatch> mismatch(int index, SettingsHistoryEntry entry,
                                                                   String problem) {
        return Optional.of(new SettingsVerification.Mismatch(index, entry.sequence(), entry.field(), problem));
    }
}

package io.integr8s.api.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.integr8s.command.settings.api.FieldChange;
import io.integr8s.command.settings.api.UserSettingsChanged;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One changed field of a user's settings as the history stores it. Values are JSON text. Each entry of a user is
 * chained to the one before it: {@code hash = sha256(previous hash + canonical entry)} (the entry's fields as a JSON
 * array), the first one's previous hash
 * being empty, so an entry changed, removed or inserted in the table breaks the chain from there on.
 *
 * @param sequence the aggregate sequence number of the event this entry comes from
 * @param index    the entry's position among the event's changes
 */
public record SettingsHistoryEntry(String userId, long sequence, int index, Instant timestamp, String field,
                                   String oldValue, String newValue, String changedBy, String reason,
                                   Instant restoredFrom, String hash) {

    /** Every settings change is this event type of the contract. */
    public static final String EVENT_TYPE = "user_settings_updated";

    /** Map keys sorted: the same value always gives the same text. */
    static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** The entries of {@code event}, stored as the aggregate's event {@code sequence}, chained after {@code previousHash}. */
    static List<SettingsHistoryEntry> of(UserSettingsChanged event, long sequence, String previousHash) {
        List<SettingsHistoryEntry> entries = new ArrayList<>();
        String hash = previousHash;
        for (int index = 0; index < event.changes().size(); index++) {
            FieldChange change = event.changes().get(index);
            SettingsHistoryEntry entry = new SettingsHistoryEntry(event.userId(), sequence, index,
                    stored(event.changedAt()), change.field(), json(change.oldValue()), json(change.newValue()),
                    event.changedBy(), event.reason(), stored(event.restoredFrom()), null);
            hash = entry.chainedAfter(hash);
            entries.add(entry.withHash(hash));
        }
        return entries;
    }

    /** The hash this entry has when chained after {@code previousHash}. */
    String chainedAfter(String previousHash) {
        String[] parts = {userId, Long.toString(sequence), Integer.toString(index), timestamp.toString(), field,
                oldValue, newValue, changedBy, reason, restoredFrom == null ? null : restoredFrom.toString()};
        return sha256(previousHash + json(parts));
    }

    private SettingsHistoryEntry withHash(String value) {
        return new SettingsHistoryEntry(userId, sequence, index, timestamp, field, oldValue, newValue, changedBy,
                reason, restoredFrom, value);
    }

    /** The value's JSON text ({@code null} for a missing value). */
    static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A settings value could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON text read back as a value. */
    static Object value(String json) {
        try {
            return CANONICAL.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored settings value is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** As PostgreSQL keeps it: to the microsecond. */
    private static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM offers no SHA-256", e);
        }
    }
}

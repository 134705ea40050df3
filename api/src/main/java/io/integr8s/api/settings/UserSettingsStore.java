package io.integr8s.api.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.integr8s.api.settings.UserSettingsTables.HISTORY;
import static io.integr8s.api.settings.UserSettingsTables.SETTINGS;

/**
 * The user settings read model in PostgreSQL: the settings in force per user, and their history (one hash-chained
 * entry per changed field). Written only by {@link UserSettingsProjection}; every read is blocking JDBC (call it off
 * the event loop).
 */
@Component
class UserSettingsStore {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };
    private static final RowMapper<StoredSettings> SETTINGS_ROW = (rs, n) -> new StoredSettings(rs.getString("user_id"),
            fields(rs.getString("settings")), rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant());
    private static final RowMapper<SettingsHistoryEntry> HISTORY_ROW = (rs, n) -> new SettingsHistoryEntry(
            rs.getString("user_id"), rs.getLong("sequence"), rs.getInt("idx"),
            rs.getTimestamp("changed_at").toInstant(), rs.getString("field"), rs.getString("old_value"),
            rs.getString("new_value"), rs.getString("changed_by"), rs.getString("reason"),
            instant(rs.getTimestamp("restored_from")), rs.getString("hash"));

    private final JdbcTemplate jdbc;

    UserSettingsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredSettings> settings(String userId) {
        return jdbc.query("select * from " + SETTINGS + " where user_id = ?", SETTINGS_ROW, userId).stream().findFirst();
    }

    void save(StoredSettings settings) {
        jdbc.update("insert into " + SETTINGS + " (user_id, settings, version, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?) on conflict (user_id) do update set settings = excluded.settings, "
                        + "version = excluded.version, updated_at = excluded.updated_at",
                settings.userId(), SettingsHistoryEntry.json(settings.fields()), settings.version(),
                Timestamp.from(settings.createdAt()), Timestamp.from(settings.updatedAt()));
    }

    /** The hash of the user's last history entry; empty before their first. */
    String lastHash(String userId) {
        return jdbc.queryForList("select hash from " + HISTORY + " where user_id = ? order by sequence desc, idx desc "
                + "limit 1", String.class, userId).stream().findFirst().orElse("");
    }

    void append(List<SettingsHistoryEntry> entries) {
        jdbc.batchUpdate("insert into " + HISTORY + " (user_id, sequence, idx, changed_at, field, old_value, new_value, "
                        + "changed_by, reason, restored_from, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entries.stream().map(e -> new Object[]{e.userId(), e.sequence(), e.index(), Timestamp.from(e.timestamp()),
                        e.field(), e.oldValue(), e.newValue(), e.changedBy(), e.reason(),
                        e.restoredFrom() == null ? null : Timestamp.from(e.restoredFrom()), e.hash()}).toList());
    }

    /** The user's latest {@code limit} entries, newest first. */
    List<SettingsHistoryEntry> latest(String userId, int limit) {
        return jdbc.query("select * from " + HISTORY + " where user_id = ? order by sequence desc, idx desc limit ?",
                HISTORY_ROW, userId, limit);
    }

    /** Every entry of the user, oldest first. */
    List<SettingsHistoryEntry> all(String userId) {
        return jdbc.query("select * from " + HISTORY + " where user_id = ? order by sequence, idx", HISTORY_ROW, userId);
    }

    /**
     * The user's entries within the filter, oldest first, as a stream over an open cursor: close it.
     *
     * @param field a field's wire name, or a group of them ({@code editor} for every {@code editor.*}); null = all
     */
    Stream<SettingsHistoryEntry> audit(String userId, Instant from, Instant to, String field) {
        StringBuilder sql = new StringBuilder("select * from " + HISTORY + " where user_id = ?");
        List<Object> arguments = new ArrayList<>(List.of(userId));
        if (from != null) {
            sql.append(" and changed_at >= ?");
            arguments.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and changed_at <= ?");
            arguments.add(Timestamp.from(to));
        }
        if (field != null) {
            sql.append(" and (field = ? or starts_with(field, ?))");
            arguments.add(field);
            arguments.add(field + ".");
        }
        sql.append(" order by sequence, idx");
        return jdbc.queryForStream(sql.toString(), HISTORY_ROW, arguments.toArray());
    }

    private static Map<String, Object> fields(String json) {
        try {
            return SettingsHistoryEntry.CANONICAL.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A row of table " + SETTINGS + " holds no settings JSON ("
                    + e.getOriginalMessage() + "); compare it with GET /api/v1/admin/audit/settings/{user_id}/verify", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

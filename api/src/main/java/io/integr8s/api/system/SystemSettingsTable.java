package io.integr8s.api.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.integr8s.command.system.api.SystemSettingsValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The settings in force, as one PostgreSQL row (JSON of {@link SystemSettingsValues}) that every instance reads.
 * Written only by {@link SystemSettingsView}, in the transaction that stores the change's event.
 */
@Component
public class SystemSettingsTable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public SystemSettingsTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS system_settings (
                    id SMALLINT PRIMARY KEY CHECK (id = 1),
                    settings TEXT NOT NULL
                )""");
    }

    /** The settings an admin last put or reset; empty while nobody changed them. */
    Optional<SystemSettingsValues> read() {
        return jdbc.queryForList("SELECT settings FROM system_settings WHERE id = 1", String.class).stream()
                .findFirst().map(SystemSettingsTable::parse);
    }

    void write(SystemSettingsValues settings) {
        jdbc.update("""
                INSERT INTO system_settings (id, settings) VALUES (1, ?)
                ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings""", format(settings));
    }

    private static SystemSettingsValues parse(String json) {
        try {
            return JSON.readValue(json, SystemSettingsValues.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The row of table system_settings is not readable settings JSON: "
                    + e.getOriginalMessage() + "; put the settings again (PUT /api/v1/admin/settings/)", e);
        }
    }

    private static String format(SystemSettingsValues settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("System settings could not be written as JSON", e);
        }
    }
}

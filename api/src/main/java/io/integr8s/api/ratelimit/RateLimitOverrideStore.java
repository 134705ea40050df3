package io.integr8s.api.ratelimit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The durable overrides in PostgreSQL (blocking JDBC: call it off the event loop). */
@Component
class RateLimitOverrideStore {

    private static final TypeReference<List<RateLimitRule>> RULES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<UserRateLimitConfig> rows;

    RateLimitOverrideStore(RateLimitOverrideTable table, JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = (rs, i) -> new UserRateLimitConfig(rs.getString("user_id"), rs.getBoolean("bypass_rate_limit"),
                rs.getDouble("global_multiplier"), readRules(rs.getString("rules")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("notes"));
    }

    Optional<UserRateLimitConfig> find(String userId) {
        return jdbc.query("SELECT * FROM " + RateLimitOverrideTable.NAME + " WHERE user_id = ?", rows, userId)
                .stream().findFirst();
    }

    /** Inserts or replaces the override; a replaced one keeps its {@code created_at}. */
    UserRateLimitConfig save(UserRateLimitConfig config) {
        return jdbc.queryForObject("INSERT INTO " + RateLimitOverrideTable.NAME + """
                         (user_id, bypass_rate_limit, global_multiplier, rules, notes, created_at, updated_at)
                        VALUES (?, ?, ?, CAST(? AS JSONB), ?, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET bypass_rate_limit = EXCLUDED.bypass_rate_limit,
                            global_multiplier = EXCLUDED.global_multiplier, rules = EXCLUDED.rules,
                            notes = EXCLUDED.notes, updated_at = EXCLUDED.updated_at
                        RETURNING *""", rows,
                config.userId(), config.bypassRateLimit(), config.globalMultiplier(), writeRules(config.rules()),
                config.notes(), OffsetDateTime.ofInstant(config.createdAt(), ZoneOffset.UTC),
                OffsetDateTime.ofInstant(config.updatedAt(), ZoneOffset.UTC));
    }

    boolean delete(String userId) {
        return jdbc.update("DELETE FROM " + RateLimitOverrideTable.NAME + " WHERE user_id = ?", userId) > 0;
    }

    private List<RateLimitRule> readRules(String stored) {
        try {
            return json.readValue(stored, RULES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable rules in " + RateLimitOverrideTable.NAME + ": " + e.getOriginalMessage(), e);
        }
    }

    private String writeRules(List<RateLimitRule> rules) {
        try {
            return json.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Rate-limit rules could not be written as JSON", e);
        }
    }
}

package io.integr8s.api.ratelimit;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Creates {@code rate_limit_overrides} at start-up, idempotently: one row per user with an override. */
@Component
class RateLimitOverrideTable implements InitializingBean {

    static final String NAME = "rate_limit_overrides";

    private final JdbcTemplate jdbc;

    RateLimitOverrideTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS %s (
                    user_id           VARCHAR(255)     PRIMARY KEY,
                    bypass_rate_limit BOOLEAN          NOT NULL,
                    global_multiplier DOUBLE PRECISION NOT NULL,
                    rules             JSONB            NOT NULL,
                    notes             TEXT,
                    created_at        TIMESTAMPTZ      NOT NULL,
                    updated_at        TIMESTAMPTZ      NOT NULL
                )""".formatted(NAME));
    }
}

package io.integr8s.api.settings;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Creates the user settings read model's tables at start-up, before any command can reach them. Idempotent. */
@Component
class UserSettingsTables implements InitializingBean {

    static final String SETTINGS = "user_settings";
    static final String HISTORY = "user_settings_history";

    private final JdbcTemplate jdbc;

    UserSettingsTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.execute("create table if not exists " + SETTINGS + """
                 (
                    user_id varchar(64) primary key,
                    settings text not null,
                    version integer not null,
                    created_at timestamptz not null,
                    updated_at timestamptz not null)""");
        jdbc.execute("create table if not exists " + HISTORY + """
                 (
                    user_id varchar(64) not null,
                    sequence bigint not null,
                    idx integer not null,
                    changed_at timestamptz not null,
                    field varchar(128) not null,
                    old_value text not null,
                    new_value text not null,
                    changed_by varchar(64),
                    reason text,
                    restored_from timestamptz,
                    hash char(64) not null,
                    primary key (user_id, sequence, idx))""");
    }
}

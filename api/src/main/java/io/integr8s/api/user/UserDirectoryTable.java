package io.integr8s.api.user;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Creates the user directory's tables at start-up, before any command can reach them. Idempotent. */
@Component
class UserDirectoryTable implements InitializingBean {

    private final JdbcTemplate jdbc;

    UserDirectoryTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.execute("""
                create table if not exists users (
                    user_id varchar(64) primary key,
                    username varchar(255) not null,
                    email varchar(320) not null,
                    password_hash varchar(255) not null,
                    role varchar(16) not null,
                    active boolean not null,
                    session_generation integer not null default 0,
                    created_at timestamptz not null,
                    updated_at timestamptz not null)""");
        jdbc.execute("create unique index if not exists users_username_unique on users (lower(username))");
        jdbc.execute("create unique index if not exists users_email_unique on users (lower(email))");
        // every issued session until it expires or ends; a token whose session is not here is refused
        jdbc.execute("""
                create table if not exists user_sessions (
                    session_id varchar(64) primary key,
                    user_id varchar(64) not null,
                    expires_at timestamptz not null)""");
        jdbc.execute("create index if not exists user_sessions_user on user_sessions (user_id)");
        // older versions recorded only revocations; every session they issued is unknown now, hence refused
        jdbc.execute("drop table if exists revoked_sessions");
    }
}

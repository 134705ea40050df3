package io.integr8s.api.user;

import io.integr8s.command.user.api.PasswordChanged;
import io.integr8s.command.user.api.UserDeleted;
import io.integr8s.command.user.api.UserProfileUpdated;
import io.integr8s.command.user.api.UserRegistered;
import io.integr8s.command.user.api.UserRoleChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Keeps the user directory. A subscribing processor: it runs inside the command's transaction, so a unique-key
 * violation (a taken username or e-mail) rolls the user's event back with it, and sign-in never reads a stale row.
 */
@Component
@ProcessingGroup(UserDirectoryProjection.GROUP)
class UserDirectoryProjection {

    static final String GROUP = "user-directory";

    private final JdbcTemplate jdbc;

    UserDirectoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event, @Timestamp Instant at) {
        jdbc.update("""
                insert into users (user_id, username, email, password_hash, role, active, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", event.userId(), event.username(), event.email(), event.passwordHash(),
                event.role().wireName(), event.active(), java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    /** Deactivating (locking) an account ends its sessions. */
    @EventHandler
    void on(UserProfileUpdated event, @Timestamp Instant at) {
        jdbc.update("update users set username = ?, email = ?, active = ?, updated_at = ? where user_id = ?",
                event.username(), event.email(), event.active(), java.sql.Timestamp.from(at), event.userId());
        if (!event.active()) {
            endSessions(event.userId());
        }
    }

    /** A new role ends the user's sessions: they sign in again under it. */
    @EventHandler
    void on(UserRoleChanged event, @Timestamp Instant at) {
        jdbc.update("update users set role = ?, updated_at = ? where user_id = ?", event.role().wireName(),
                java.sql.Timestamp.from(at), event.userId());
        endSessions(event.userId());
    }

    /** A new password ends every session (and tokens carry the generation they were issued for). */
    @EventHandler
    void on(PasswordChanged event, @Timestamp Instant at) {
        jdbc.update("""
                update users set password_hash = ?, session_generation = session_generation + 1, updated_at = ?
                where user_id = ?""", event.passwordHash(), java.sql.Timestamp.from(at), event.userId());
        endSessions(event.userId());
    }

    @EventHandler
    void on(UserDeleted event) {
        jdbc.update("delete from users where user_id = ?", event.userId());
        endSessions(event.userId());
    }

    /** In the command's transaction: the change and the end of the sessions commit together, on every instance. */
    private void endSessions(String userId) {
        jdbc.update("delete from user_sessions where user_id = ?", userId);
    }
}

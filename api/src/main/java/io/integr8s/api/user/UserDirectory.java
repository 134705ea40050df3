package io.integr8s.api.user;

import io.integr8s.command.user.api.UserRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the user directory: the accounts as of the last committed command. It is written in the same transaction
 * as the user's events (see {@link UserDirectoryProjection}), so a registration is visible to the next login.
 */
@Component
public class UserDirectory {

    private static final RowMapper<UserAccount> ROW = (rs, n) -> new UserAccount(rs.getString("user_id"),
            rs.getString("username"), rs.getString("email"), rs.getString("password_hash"),
            UserRole.fromWireName(rs.getString("role")), rs.getBoolean("active"), rs.getInt("session_generation"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    public UserDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserAccount> byId(String userId) {
        if (unstorable(userId)) {
            return Optional.empty();
        }
        return jdbc.query("select * from users where user_id = ?", ROW, userId).stream().findFirst();
    }

    public Optional<UserAccount> byUsername(String username) {
        if (unstorable(username)) {
            return Optional.empty();
        }
        return jdbc.query("select * from users where lower(username) = lower(?)", ROW, username).stream().findFirst();
    }

    public Optional<UserAccount> byEmail(String email) {
        if (unstorable(email)) {
            return Optional.empty();
        }
        return jdbc.query("select * from users where lower(email) = lower(?)", ROW, email).stream().findFirst();
    }

    /** PostgreSQL text cannot hold NUL, so no account has it; asking would fail the query instead of finding none. */
    private static boolean unstorable(String value) {
        return value != null && value.indexOf('\0') >= 0;
    }

    /** A page of accounts, oldest first; {@code search} matches username or e-mail, case-insensitively. */
    public List<UserAccount> page(String search, UserRole role, int offset, int limit) {
        Filter filter = Filter.of(search, role);
        List<Object> arguments = new ArrayList<>(filter.arguments());
        arguments.add(limit);
        arguments.add(offset);
        return jdbc.query("select * from users" + filter.where() + " order by created_at, user_id limit ? offset ?",
                ROW, arguments.toArray());
    }

    public long count(String search, UserRole role) {
        Filter filter = Filter.of(search, role);
        Long count = jdbc.queryForObject("select count(*) from users" + filter.where(), Long.class,
                filter.arguments().toArray());
        return count == null ? 0 : count;
    }

    /**
     * The account, if {@code sessionId} is one of its sessions that was issued, has not expired and has not been
     * ended (logout, or a change that ends them all); one round trip per authenticated request.
     */
    public Optional<UserAccount> byIdInLiveSession(String userId, String sessionId) {
        if (unstorable(userId) || unstorable(sessionId)) {
            return Optional.empty();
        }
        String sql = "select u.* from users u join user_sessions s on s.user_id = u.user_id"
                + " where u.user_id = ? and s.session_id = ? and s.expires_at > now()";
        return jdbc.query(sql, ROW, userId, sessionId).stream().findFirst();
    }

    /** Records a session as it is issued; the user's expired ones are swept on the way. */
    public void recordSession(String sessionId, String userId, Instant expiresAt) {
        jdbc.update("delete from user_sessions where user_id = ? and expires_at <= now()", userId);
        jdbc.update("insert into user_sessions (session_id, user_id, expires_at) values (?, ?, ?)",
                sessionId, userId, Timestamp.from(expiresAt));
    }

    /** Ends one session before its token expires (logout). */
    public void endSession(String sessionId) {
        jdbc.update("delete from user_sessions where session_id = ?", sessionId);
    }

    private record Filter(String where, List<Object> arguments) {

        static Filter of(String search, UserRole role) {
            List<String> conditions = new ArrayList<>();
            List<Object> arguments = new ArrayList<>();
            if (search != null && !search.isBlank()) {
                conditions.add("(strpos(lower(username), lower(?)) > 0 or strpos(lower(email), lower(?)) > 0)");
                arguments.add(search);
                arguments.add(search);
            }
            if (role != null) {
                conditions.add("role = ?");
                arguments.add(role.wireName());
            }
            return new Filter(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), arguments);
        }
    }
}

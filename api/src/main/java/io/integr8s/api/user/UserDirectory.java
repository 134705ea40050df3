package io.integr8s.api.user;

import io.integr8s.command.user.api.UserRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
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

    /** The account, unless {@code sessionId} was revoked (logged out); one round trip per authenticated request. */
    public Optional<UserAccount> byIdInLiveSession(String userId, String sessionId) {
        if (unstorable(userId) || unstorable(sessionId)) {
            return Optional.empty();
        }
        String sql = "select * from users where user_id = ?"
                + " and not exists (select 1 from revoked_sessions where session_id = ?)";
        return jdbc.query(sql, ROW, userId, sessionId).stream().findFirst();
    }

    /** Ends a session before its token expires (logout); expired entries are swept on the way. */
    public void revokeSession(String sessionId, java.time.Instant expiresAt) {
        jdbc.update("delete from revoked_sessions where expires_at < now()");
        jdbc.update("insert into revoked_sessions (session_id, expires_at) values (?, ?) on conflict do nothing",
                sessionId, Timestamp.from(expiresAt));
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

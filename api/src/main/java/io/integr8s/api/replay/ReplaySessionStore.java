package io.integr8s.api.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Replay sessions in PostgreSQL ({@code replay_sessions}), so every instance sees the same state. Each state change is
 * one conditional UPDATE, so two instances (or two admins) cannot both apply a transition. A running session is worked
 * on by the instance whose id is in {@code owner}; it proves it is alive with every progress update
 * ({@code heartbeat_at}).
 */
@Component
class ReplaySessionStore implements InitializingBean {

    static final String TABLE = "replay_sessions";
    /** The newest errors a session keeps. */
    static final int MAX_ERRORS = 100;
    private static final TypeReference<List<ReplaySession.ReplayError>> ERRORS = new TypeReference<>() {
    };
    private static final String COLUMNS = "session_id, config, status, total_events, replayed_events, failed_events, "
            + "skipped_events, position, end_position, created_at, started_at, completed_at, last_event_at, errors";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<ReplaySession> row = this::session;

    ReplaySessionStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.execute("create table if not exists " + TABLE + """
                 (
                    session_id varchar(64) primary key,
                    config text not null,
                    status varchar(16) not null,
                    total_events bigint not null,
                    replayed_events bigint not null default 0,
                    failed_events bigint not null default 0,
                    skipped_events bigint not null default 0,
                    position bigint not null,
                    end_position bigint not null,
                    created_by varchar(64) not null,
                    created_at timestamptz not null,
                    started_at timestamptz,
                    completed_at timestamptz,
                    last_event_at timestamptz,
                    errors text not null default '[]',
                    owner varchar(64),
                    heartbeat_at timestamptz)""");
    }

    void create(ReplaySession session, String createdBy) {
        jdbc.update("insert into " + TABLE + " (session_id, config, status, total_events, position, end_position, "
                        + "created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)", session.sessionId(),
                write(session.config()), session.status().wire(), session.totalEvents(), session.position(),
                session.endPosition(), createdBy, Timestamp.from(session.createdAt()));
    }

    Optional<ReplaySession> find(String sessionId) {
        return jdbc.query("select " + COLUMNS + " from " + TABLE + " where session_id = ?", row, sessionId).stream()
                .findFirst();
    }

    /** Newest first. */
    List<ReplaySession> list(ReplayStatus status, int limit) {
        return status == null
                ? jdbc.query("select " + COLUMNS + " from " + TABLE + " order by created_at desc limit ?", row, limit)
                : jdbc.query("select " + COLUMNS + " from " + TABLE + " where status = ? order by created_at desc "
                + "limit ?", row, status.wire(), limit);
    }

    /** Applies the transition if the session is in one of its source states; whether it did. */
    boolean apply(String sessionId, ReplayTransition transition) {
        String placeholders = String.join(", ", Collections.nCopies(transition.from().size(), "?"));
        return jdbc.update("update " + TABLE + " set status = ?, "
                        + "started_at = case when ? = 'running' then coalesce(started_at, now()) else started_at end, "
                        + "completed_at = case when ? in ('completed', 'failed', 'cancelled') then now() else null end "
                        + "where session_id = ? and status in (" + placeholders + ")",
                ordered(transition, sessionId)) == 1;
    }

    private static Object[] ordered(ReplayTransition transition, String sessionId) {
        List<Object> args = new ArrayList<>(List.of(transition.to().wire(), transition.to().wire(),
                transition.to().wire(), sessionId));
        transition.from().forEach(from -> args.add(from.wire()));
        return args.toArray();
    }

    /**
     * Takes a running session nobody works on, or whose worker has not been heard of for {@code claimTimeout}; at
     * most one instance gets it.
     */
    Optional<String> claim(String instance, Duration claimTimeout) {
        return jdbc.queryForList("update " + TABLE + " set owner = ?, heartbeat_at = now() where session_id = ("
                + "select session_id from " + TABLE + " where status = 'running' and (owner is null or heartbeat_at < "
                + "now() - ? * interval '1 millisecond') order by created_at limit 1 for update skip locked) "
                + "returning session_id", String.class, instance, claimTimeout.toMillis()).stream().findFirst();
    }

    /**
     * Records one handled event of the owner's session and answers the session's status, or empty when the instance
     * no longer owns it (another took it over).
     */
    Optional<ReplayStatus> progress(String sessionId, String instance, long position, int replayed, int failed,
                                    int skipped, Instant lastEventAt, ReplaySession.ReplayError error) {
        String errorUpdate = error == null ? "" : ", errors = ?";
        List<Object> args = new ArrayList<>(List.of(position, replayed, failed, skipped));
        args.add(lastEventAt == null ? null : Timestamp.from(lastEventAt));
        if (error != null) {
            List<ReplaySession.ReplayError> errors = new ArrayList<>(find(sessionId).map(ReplaySession::errors)
                    .orElse(List.of()));
            errors.add(error);
            args.add(write(errors.subList(Math.max(0, errors.size() - MAX_ERRORS), errors.size())));
        }
        args.addAll(List.of(sessionId, instance));
        return jdbc.queryForList("update " + TABLE + " set position = ?, replayed_events = replayed_events + ?, "
                + "failed_events = failed_events + ?, skipped_events = skipped_events + ?, "
                + "last_event_at = coalesce(?, last_event_at), heartbeat_at = now()" + errorUpdate
                + " where session_id = ? and owner = ? returning status", String.class, args.toArray()).stream()
                .findFirst().flatMap(ReplayStatus::named);
    }

    /** Ends the owner's running session as completed or failed. */
    void finish(String sessionId, String instance, ReplayStatus end) {
        jdbc.update("update " + TABLE + " set status = ?, completed_at = now(), owner = null "
                + "where session_id = ? and owner = ? and status = 'running'", end.wire(), sessionId, instance);
    }

    /** The owner stops working on the session (it was paused or cancelled); whoever resumes it continues. */
    void release(String sessionId, String instance) {
        jdbc.update("update " + TABLE + " set owner = null where session_id = ? and owner = ?", sessionId, instance);
    }

    /**
     * Removes ended sessions that ended (or, never started, were created) more than {@code hours} ago; how many. The
     * age is compared in seconds, so any number of hours is valid (no timestamp out of range).
     */
    int removeEndedOlderThan(long hours) {
        return jdbc.update("delete from " + TABLE + " where status in ('completed', 'failed', 'cancelled') "
                + "and extract(epoch from now() - coalesce(completed_at, created_at)) > ? * 3600.0", hours);
    }

    private ReplaySession session(ResultSet rs, int rowNumber) throws SQLException {
        try {
            return new ReplaySession(rs.getString("session_id"), json.readValue(rs.getString("config"),
                    ReplayConfig.class), ReplayStatus.named(rs.getString("status")).orElseThrow(),
                    rs.getLong("total_events"), rs.getLong("replayed_events"), rs.getLong("failed_events"),
                    rs.getLong("skipped_events"), rs.getLong("position"), rs.getLong("end_position"),
                    instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "completed_at"),
                    instant(rs, "last_event_at"), json.readValue(rs.getString("errors"), ERRORS));
        } catch (JsonProcessingException e) {
            throw new SQLException("Replay session " + rs.getString("session_id") + " holds unreadable JSON", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value + " as JSON", e);
        }
    }
}

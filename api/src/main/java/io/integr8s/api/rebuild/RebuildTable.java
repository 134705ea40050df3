package io.integr8s.api.rebuild;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The durable requests every instance sees ({@code projection_rebuilds}, created from {@code projection-rebuilds.sql}).
 * An instance claims one with {@code FOR UPDATE SKIP LOCKED} and holds it by a lease it renews; a lapsed lease (the
 * instance died) lets any instance claim it again and resume.
 */
@Component
class RebuildTable {

    static final String DDL = "projection-rebuilds.sql";
    private static final String ACTIVE = "('requested', 'running', 'switching')";
    private static final RowMapper<RebuildRequest> ROW = (row, n) -> new RebuildRequest(
            row.getObject("id", UUID.class), RebuildKind.of(row.getString("kind")), row.getString("target"),
            instant(row.getTimestamp("from_time")), RebuildStatus.of(row.getString("status")),
            (Integer) row.getObject("generation"), (Integer) row.getObject("previous_generation"),
            row.getLong("processed"), row.getLong("total"), row.getString("error"),
            instant(row.getTimestamp("requested_at")), instant(row.getTimestamp("started_at")),
            instant(row.getTimestamp("finished_at")));

    private final JdbcTemplate jdbc;

    RebuildTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        try {
            jdbc.execute(new ClassPathResource(DDL).getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the DDL " + DDL + " is missing from the jar: rebuild integr8s", e);
        }
    }

    /** Lists {@code projection} in {@code projection_generations} (at generation 0 if new), so tools see it. */
    void register(String projection) {
        jdbc.update("INSERT INTO projection_generations (projection, generation, switched_at) VALUES (?, 0, now())"
                + " ON CONFLICT (projection) DO NOTHING", projection);
    }

    /** Records a request; empty when one for the same target is still active. */
    Optional<UUID> insert(RebuildKind kind, String target, Instant from) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.update("INSERT INTO projection_rebuilds (id, kind, target, from_time, status) VALUES (?, ?, ?, ?, ?)",
                    id, kind.column(), target, from == null ? null : Timestamp.from(from),
                    RebuildStatus.REQUESTED.column());
            return Optional.of(id);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    Optional<RebuildRequest> find(UUID id) {
        return jdbc.query("SELECT * FROM projection_rebuilds WHERE id = ?", ROW, id).stream().findFirst();
    }

    Optional<RebuildRequest> active(String target) {
        return jdbc.query("SELECT * FROM projection_rebuilds WHERE target = ? AND status IN " + ACTIVE, ROW, target)
                .stream().findFirst();
    }

    List<RebuildRequest> recent(int limit) {
        return jdbc.query("SELECT * FROM projection_rebuilds ORDER BY requested_at DESC LIMIT ?", ROW, limit);
    }

    /** Takes the oldest active request nobody holds (or whose holder stopped renewing) for {@code owner}. */
    Optional<RebuildRequest> claim(String owner, Duration lease) {
        return jdbc.query("""
                UPDATE projection_rebuilds SET owner = ?, heartbeat_at = now(),
                    started_at = COALESCE(started_at, now()),
                    status = CASE WHEN status = 'requested' THEN 'running' ELSE status END,
                    halted_processor = CASE WHEN kind = 'reset' THEN target ELSE halted_processor END
                WHERE id = (SELECT id FROM projection_rebuilds
                            WHERE status IN %s AND (owner IS NULL OR heartbeat_at < now() - make_interval(secs => ?))
                            ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *""".formatted(ACTIVE), ROW, owner, lease.toMillis() / 1000.0).stream().findFirst();
    }

    /** Gives a claimed rebuild the next unused generation of its projection; returns it. */
    int assignGeneration(UUID id, int activeGeneration) {
        return jdbc.queryForObject("""
                UPDATE projection_rebuilds SET previous_generation = ?, generation = GREATEST(?,
                    COALESCE((SELECT max(generation) FROM projection_rebuilds WHERE target =
                              (SELECT target FROM projection_rebuilds WHERE id = ?)), 0)) + 1
                WHERE id = ? RETURNING generation""", Integer.class, activeGeneration, activeGeneration, id, id);
    }

    /**
     * Renews the lease and records progress (never backwards: a resumed processor reports nothing until it has read
     * its token); false when the request is no longer this owner's or was cancelled.
     */
    boolean heartbeat(UUID id, String owner, long processed, long total) {
        return jdbc.update("UPDATE projection_rebuilds SET heartbeat_at = now(), processed = GREATEST(processed, ?),"
                + " total = ? WHERE id = ? AND owner = ? AND status IN " + ACTIVE, processed, total, id, owner) == 1;
    }

    /** The processors every instance must keep stopped now. */
    Set<String> haltedProcessors() {
        return new HashSet<>(jdbc.queryForList("SELECT halted_processor FROM projection_rebuilds"
                + " WHERE halted_processor IS NOT NULL AND status IN " + ACTIVE, String.class));
    }

    void switching(UUID id, String haltedProcessor) {
        jdbc.update("UPDATE projection_rebuilds SET status = 'switching', halted_processor = ? WHERE id = ?",
                haltedProcessor, id);
    }

    /** The switch is done: the halted processor may run again (from the new generation's tokens). */
    void resumeHalted(UUID id) {
        jdbc.update("UPDATE projection_rebuilds SET halted_processor = NULL WHERE id = ?", id);
    }

    void complete(UUID id) {
        finish(id, RebuildStatus.COMPLETED, null);
    }

    void fail(UUID id, String error) {
        finish(id, RebuildStatus.FAILED, error);
    }

    /** Cancels a request not yet switching; false when it is switching or finished. */
    boolean cancel(UUID id) {
        return jdbc.update("UPDATE projection_rebuilds SET status = 'cancelled', halted_processor = NULL,"
                + " finished_at = now() WHERE id = ? AND status IN ('requested', 'running')", id) == 1;
    }

    /** Lets another instance (or this one, started again) claim the request at once. */
    void release(UUID id, String owner) {
        jdbc.update("UPDATE projection_rebuilds SET owner = NULL WHERE id = ? AND owner = ?", id, owner);
    }

    private void finish(UUID id, RebuildStatus status, String error) {
        jdbc.update("UPDATE projection_rebuilds SET status = ?, error = ?, halted_processor = NULL, finished_at = now()"
                + " WHERE id = ?", status.column(), error, id);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

package io.integr8s.replay.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.integr8s.replay.ToolFailure;

/**
 * integr8s's request tables ({@code projection_rebuilds}, {@code projection_generations}; made by integr8s from its
 * {@code projection-rebuilds.sql}, docs/adr/0010): the tool inserts a request and reads its progress; the running
 * instances do the work.
 */
final class RequestTable {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Connection connection;

    RequestTable(Connection connection) throws SQLException, ToolFailure {
        this.connection = connection;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT to_regclass('projection_rebuilds') IS NOT NULL AND to_regclass('projection_generations') IS NOT NULL");
             ResultSet row = statement.executeQuery()) {
            row.next();
            if (!row.getBoolean(1)) {
                throw new ToolFailure("table projection_rebuilds not found: the integr8s on this database has not started"
                        + " yet, or is older than this tool. Start integr8s (bin/integr8s) once, then run this again");
            }
        }
    }

    /** The projections integr8s can rebuild (it registers each at start). */
    Set<String> projections() throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT projection FROM projection_generations");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    int activeGeneration(String projection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT generation FROM projection_generations WHERE projection = ?")) {
            statement.setString(1, projection);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /** Inserts a request; a failure naming the active one when the target already has one. */
    UUID insert(String kind, String target, Instant from) throws SQLException, ToolFailure {
        UUID id = UUID.randomUUID();
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO projection_rebuilds"
                + " (id, kind, target, from_time, status) VALUES (?, ?, ?, ?, 'requested')")) {
            statement.setObject(1, id);
            statement.setString(2, kind);
            statement.setString(3, target);
            statement.setTimestamp(4, from == null ? null : Timestamp.from(from));
            statement.executeUpdate();
            return id;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            throw new ToolFailure("a rebuild or reset of '" + target + "' is already " + active(target)
                    + ": wait until it has finished (or cancel it), then run this again");
        }
    }

    Request read(UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT status, processed, total, generation,"
                + " previous_generation, error, started_at, finished_at FROM projection_rebuilds WHERE id = ?")) {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("request " + id + " disappeared from projection_rebuilds");
                }
                return new Request(row.getString(1), row.getLong(2), row.getLong(3), (Integer) row.getObject(4),
                        (Integer) row.getObject(5), row.getString(6), instant(row.getTimestamp(7)),
                        instant(row.getTimestamp(8)));
            }
        }
    }

    /** Takes back a request nobody picked up; false when an instance has claimed it meanwhile. */
    boolean withdraw(UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE projection_rebuilds SET"
                + " status = 'cancelled', error = 'no instance picked it up', finished_at = now()"
                + " WHERE id = ? AND status = 'requested'")) {
            statement.setObject(1, id);
            return statement.executeUpdate() == 1;
        }
    }

    private String active(String target) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, status FROM projection_rebuilds"
                + " WHERE target = ? AND status IN ('requested', 'running', 'switching')")) {
            statement.setString(1, target);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(2) + " (request " + row.getString(1) + ")" : "active";
            }
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant).orElse(null);
    }
}

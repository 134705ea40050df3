package io.integr8s.replay.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Read-only queries on {@code domainevententry}. Timestamps are Axon's ISO-8601 strings. */
public final class EventStore {

    private final Connection connection;
    private final AxonSchema schema;

    public EventStore(Connection connection, AxonSchema schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /** Empty when the store has no events. */
    public Optional<EventStoreHead> head() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + schema.globalIndex() + ", "
                + schema.eventTimestamp() + ", (SELECT count(*) FROM domainevententry) FROM domainevententry"
                + " ORDER BY " + schema.globalIndex() + " DESC LIMIT 1");
             ResultSet row = statement.executeQuery()) {
            return row.next()
                    ? Optional.of(new EventStoreHead(row.getLong(1), Instant.parse(row.getString(2)), row.getLong(3)))
                    : Optional.empty();
        }
    }

    /** How many events were stored at or after {@code from}. */
    public long countFrom(Instant from) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM domainevententry WHERE "
                + schema.eventTimestamp() + "::timestamptz >= ?")) {
            statement.setTimestamp(1, Timestamp.from(from));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public Optional<Instant> firstEventTime() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + schema.eventTimestamp()
                + " FROM domainevententry ORDER BY " + schema.globalIndex() + " LIMIT 1")) {
            return readTime(statement);
        }
    }

    /**
     * The time of the event at {@code globalIndex}, or of the last one before it: global indexes have gaps (rolled back
     * transactions), and a token can sit on one.
     */
    public Optional<Instant> timeAtOrBefore(long globalIndex) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + schema.eventTimestamp()
                + " FROM domainevententry WHERE " + schema.globalIndex() + " <= ? ORDER BY " + schema.globalIndex()
                + " DESC LIMIT 1")) {
            statement.setLong(1, globalIndex);
            return readTime(statement);
        }
    }

    private static Optional<Instant> readTime(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(Instant.parse(row.getString(1))) : Optional.empty();
        }
    }
}

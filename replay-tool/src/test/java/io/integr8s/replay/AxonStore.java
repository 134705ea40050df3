package io.integr8s.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A fresh database on the embedded PostgreSQL holding Axon's event and token tables, created by Axon's own PostgreSQL
 * DDL, with rows written as Axon writes them: ISO timestamps, tokens through Axon's Jackson serializer.
 */
final class AxonStore {

    /** The layout integr8s has: Axon's JDBC defaults, folded to lower case by PostgreSQL. */
    static final EventSchema JDBC_EVENTS = new EventSchema();
    static final TokenSchema JDBC_TOKENS = new TokenSchema();
    /** The layout of Axon's JPA entities under Spring's naming strategy. */
    static final EventSchema SNAKE_CASE_EVENTS = EventSchema.builder().globalIndexColumn("global_index")
            .timestampColumn("time_stamp").eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
            .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision").metaDataColumn("meta_data")
            .build();
    static final TokenSchema SNAKE_CASE_TOKENS = TokenSchema.builder().setProcessorNameColumn("processor_name")
            .setTokenTypeColumn("token_type").build();

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private final EmbeddedPostgres postgres;
    private final String database;
    private final EventSchema events;
    private final TokenSchema tokens;

    private AxonStore(EmbeddedPostgres postgres, String database, EventSchema events, TokenSchema tokens) {
        this.postgres = postgres;
        this.database = database;
        this.events = events;
        this.tokens = tokens;
    }

    /** An empty database without Axon's tables. */
    static AxonStore emptyDatabase(EmbeddedPostgres postgres, String database) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return new AxonStore(postgres, database, JDBC_EVENTS, JDBC_TOKENS);
    }

    static AxonStore create(EmbeddedPostgres postgres, String database, EventSchema events, TokenSchema tokens)
            throws SQLException {
        AxonStore store = emptyDatabase(postgres, database);
        try (Connection connection = store.connect()) {
            PostgresEventTableFactory.INSTANCE.createDomainEventTable(connection, events).execute();
            PostgresTokenTableFactory.INSTANCE.createTable(connection, tokens).execute();
        }
        return new AxonStore(postgres, database, events, tokens);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", database);
    }

    void event(long globalIndex, Instant time) throws SQLException {
        String sql = "INSERT INTO " + events.domainEventTable() + " (" + String.join(", ", events.globalIndexColumn(),
                events.eventIdentifierColumn(), events.aggregateIdentifierColumn(), events.sequenceNumberColumn(),
                events.typeColumn(), events.timestampColumn(), events.payloadTypeColumn(), events.payloadColumn())
                + ") VALUES (?, ?, ?, ?, 'Execution', ?, 'io.integr8s.command.execution.api.ExecutionRequested', ?)";
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setLong(1, globalIndex);
            insert.setString(2, "event-" + globalIndex);
            insert.setString(3, "execution-" + globalIndex);
            insert.setLong(4, 0);
            insert.setString(5, DateTimeUtils.formatInstant(time));
            insert.setBytes(6, "{}".getBytes());
            insert.executeUpdate();
        }
    }

    void token(String processor, int segment, String owner, TrackingToken token, Instant updated) throws SQLException {
        SerializedObject<byte[]> serialized = token == null ? null : SERIALIZER.serialize(token, byte[].class);
        String sql = "INSERT INTO " + tokens.tokenTable() + " (" + String.join(", ", tokens.processorNameColumn(),
                tokens.segmentColumn(), tokens.ownerColumn(), tokens.tokenTypeColumn(), tokens.tokenColumn(),
                tokens.timestampColumn()) + ") VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, processor);
            insert.setInt(2, segment);
            insert.setString(3, owner);
            insert.setString(4, serialized == null ? null : serialized.getType().getName());
            insert.setBytes(5, serialized == null ? null : serialized.getData());
            insert.setString(6, DateTimeUtils.formatInstant(updated));
            insert.executeUpdate();
        }
    }

    private Connection connect() throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }
}

package io.integr8s.infra.deadletter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterTableFactory;
import org.axonframework.eventhandling.deadletter.jdbc.GenericDeadLetterTableFactory;

/**
 * PostgreSQL DDL for the table of Axon's {@code JdbcSequencedDeadLetterQueue}, safe to run on every start. Columns
 * and types follow Axon's {@link GenericDeadLetterTableFactory}, because Axon's statement factory and converter write
 * and read them that way: serialized data as {@code BYTEA} ({@code setBytes}/{@code getBytes}), timestamps as ISO
 * strings in {@code VARCHAR(255)} (Axon compares {@code processingStarted} as text). Differences from Axon's generic
 * DDL: {@code IF NOT EXISTS} on the indices (Axon's plain {@code CREATE INDEX} fails on the second start), constraint
 * and index names prefixed with the table (Postgres index names are per schema; Axon names its key just {@code PK}),
 * and {@code causeMessage} as {@code TEXT} so a custom enqueue policy with a long, untruncated message cannot make
 * the enqueue itself fail.
 */
public final class PostgresDeadLetterTableFactory implements DeadLetterTableFactory {

    public static final PostgresDeadLetterTableFactory INSTANCE = new PostgresDeadLetterTableFactory();

    private static final String TEXT = "VARCHAR(255)";
    private static final String DATA = "BYTEA";
    private static final String INSTANT = "VARCHAR(255)";

    private PostgresDeadLetterTableFactory() {
    }

    @Override
    public Statement createTableStatement(Connection connection, DeadLetterSchema schema) throws SQLException {
        Statement statement = connection.createStatement();
        for (String sql : ddl(schema)) {
            statement.addBatch(sql);
        }
        return statement;
    }

    /** The statements, in order. */
    public List<String> ddl(DeadLetterSchema s) {
        String table = s.deadLetterTable();
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        String prefix = table.substring(table.indexOf('.') + 1).toLowerCase();
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " ("
                        + s.deadLetterIdentifierColumn() + " " + TEXT + " NOT NULL, "
                        + s.processingGroupColumn() + " " + TEXT + " NOT NULL, "
                        + s.sequenceIdentifierColumn() + " " + TEXT + " NOT NULL, "
                        + s.sequenceIndexColumn() + " BIGINT NOT NULL, "
                        + s.messageTypeColumn() + " " + TEXT + " NOT NULL, "
                        + s.eventIdentifierColumn() + " " + TEXT + " NOT NULL, "
                        + s.timestampColumn() + " " + INSTANT + " NOT NULL, "
                        + s.payloadTypeColumn() + " " + TEXT + " NOT NULL, "
                        + s.payloadRevisionColumn() + " " + TEXT + ", "
                        + s.payloadColumn() + " " + DATA + " NOT NULL, "
                        + s.metaDataColumn() + " " + DATA + ", "
                        + s.aggregateTypeColumn() + " " + TEXT + ", "
                        + s.aggregateIdentifierColumn() + " " + TEXT + ", "
                        + s.sequenceNumberColumn() + " BIGINT, "
                        + s.tokenTypeColumn() + " " + TEXT + ", "
                        + s.tokenColumn() + " " + DATA + ", "
                        + s.enqueuedAtColumn() + " " + INSTANT + " NOT NULL, "
                        + s.lastTouchedColumn() + " " + INSTANT + ", "
                        + s.processingStartedColumn() + " " + INSTANT + ", "
                        + s.causeTypeColumn() + " " + TEXT + ", "
                        + s.causeMessageColumn() + " TEXT, "
                        + s.diagnosticsColumn() + " " + DATA + ", "
                        + "CONSTRAINT " + prefix + "_pkey PRIMARY KEY (" + s.deadLetterIdentifierColumn() + "), "
                        + "CONSTRAINT " + prefix + "_sequence_index_key UNIQUE (" + s.processingGroupColumn() + ", "
                        + s.sequenceIdentifierColumn() + ", " + s.sequenceIndexColumn() + "))",
                "CREATE INDEX IF NOT EXISTS " + prefix + "_processing_group_idx ON " + table
                        + " (" + s.processingGroupColumn() + ")",
                "CREATE INDEX IF NOT EXISTS " + prefix + "_sequence_identifier_idx ON " + table
                        + " (" + s.processingGroupColumn() + ", " + s.sequenceIdentifierColumn() + ")");
    }
}

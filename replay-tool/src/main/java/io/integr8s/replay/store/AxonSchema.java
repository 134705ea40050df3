package io.integr8s.replay.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import io.integr8s.replay.ToolFailure;

/**
 * The column names of Axon's {@code domainevententry} and {@code tokenentry}. Axon's JDBC engine (what integr8s uses)
 * creates them camel-cased and unquoted, so PostgreSQL folds them ({@code globalindex}); tables created through JPA
 * with Spring's naming strategy have them snake-cased ({@code global_index}). Both are found by looking.
 */
public record AxonSchema(String globalIndex, String eventTimestamp, String processorName, String tokenType) {

    static final AxonSchema JDBC = new AxonSchema("globalindex", "timestamp", "processorname", "tokentype");
    static final AxonSchema SNAKE_CASE = new AxonSchema("global_index", "time_stamp", "processor_name", "token_type");

    public static AxonSchema detect(Connection connection) throws SQLException, ToolFailure {
        Set<String> events = columns(connection, "domainevententry");
        Set<String> tokens = columns(connection, "tokenentry");
        if (events.isEmpty() || tokens.isEmpty()) {
            throw new ToolFailure("no Axon event store here: table " + (events.isEmpty() ? "domainevententry" : "tokenentry")
                    + " not found. Is this integr8s's database, and has integr8s started on it once (it creates the tables)?");
        }
        for (AxonSchema schema : new AxonSchema[] {JDBC, SNAKE_CASE}) {
            if (events.contains(schema.globalIndex) && events.contains(schema.eventTimestamp)
                    && tokens.contains(schema.processorName) && tokens.contains(schema.tokenType)) {
                return schema;
            }
        }
        throw new ToolFailure("the Axon tables have columns this tool does not know (domainevententry: " + events
                + ", tokenentry: " + tokens + "): was the schema customised? Report it with these column names");
    }

    private static Set<String> columns(Connection connection, String table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (var statement = connection.prepareStatement("""
                SELECT column_name FROM information_schema.columns
                WHERE table_name = ? AND table_schema = ANY (current_schemas(false))""")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }
}

package io.integr8s.replay.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Read-only queries on {@code tokenentry}. */
public final class TokenStore {

    /** Axon's row that identifies the token store itself; it belongs to no processor. */
    private static final String CONFIG_ROW = "__config";

    private final Connection connection;
    private final AxonSchema schema;

    public TokenStore(Connection connection, AxonSchema schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /** Ordered by processor name byte-wise, whatever the database's collation, then by segment. */
    public List<TokenEntry> entries() throws SQLException {
        String sql = "SELECT " + schema.processorName() + ", segment, owner, " + schema.tokenType() + ", token, timestamp"
                + " FROM tokenentry WHERE " + schema.processorName() + " <> ? ORDER BY " + schema.processorName() + " COLLATE \"C\", segment";
        List<TokenEntry> entries = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, CONFIG_ROW);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String timestamp = rows.getString(6);
                    entries.add(new TokenEntry(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getString(4),
                            rows.getBytes(5), timestamp == null ? null : Instant.parse(timestamp)));
                }
            }
        }
        return entries;
    }
}

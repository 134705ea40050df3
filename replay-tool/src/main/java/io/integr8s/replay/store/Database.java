package io.integr8s.replay.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.integr8s.replay.ToolFailure;
import io.integr8s.replay.target.DatabaseTarget;

/**
 * Opens a read-only connection to the target, turning driver errors into messages that say what to check. All reads
 * share one snapshot, so a token cannot appear ahead of a head read a moment earlier.
 */
public final class Database {

    private static final String CONNECT_TIMEOUT_SECONDS = "5";

    private Database() {
    }

    public static Connection connect(DatabaseTarget target) throws ToolFailure {
        Properties properties = new Properties();
        if (target.user() != null) {
            properties.setProperty("user", target.user());
        }
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("ApplicationName", "integr8s replay-tool");
        try {
            Connection connection = DriverManager.getConnection(target.jdbcUrl(), properties);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new ToolFailure("cannot connect to PostgreSQL at " + target + ": " + sentence(e.getMessage())
                    + " Check that integr8s (or that database) is running and the url, user and password are right", e);
        }
    }

    private static String sentence(String message) {
        return message.endsWith(".") ? message : message + ".";
    }
}

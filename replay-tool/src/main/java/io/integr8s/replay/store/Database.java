package io.integr8s.replay.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.integr8s.replay.ToolFailure;
import io.integr8s.replay.target.DatabaseTarget;

/**
 * Opens connections to the target, turning driver errors into messages that say what to check. A read-only one has
 * all its reads share one snapshot, so a token cannot appear ahead of a head read a moment earlier.
 */
public final class Database {

    private static final String CONNECT_TIMEOUT_SECONDS = "5";

    private Database() {
    }

    public static Connection connect(DatabaseTarget target) throws ToolFailure {
        Connection connection = open(target);
        try {
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw failure(target, e);
        }
    }

    /** A connection in auto-commit, each statement seeing what is committed now: for requests and their progress. */
    public static Connection connectForRequests(DatabaseTarget target) throws ToolFailure {
        return open(target);
    }

    private static Connection open(DatabaseTarget target) throws ToolFailure {
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
            return DriverManager.getConnection(target.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw failure(target, e);
        }
    }

    private static ToolFailure failure(DatabaseTarget target, SQLException e) {
        return new ToolFailure("cannot connect to PostgreSQL at " + target + ": " + sentence(e.getMessage())
                + " Check that integr8s (or that database) is running and the url, user and password are right", e);
    }

    private static String sentence(String message) {
        return message.endsWith(".") ? message : message + ".";
    }
}

package io.integr8s.infra.axon;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;

/** Creates db-scheduler's table (its PostgreSQL script, made idempotent) so durable deadlines have a home. */
public class DbSchedulerTable implements InitializingBean {

    private final DataSource dataSource;
    private final String table;

    public DbSchedulerTable(DataSource dataSource, String table) {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String index = table.replace('.', '_');
        List<String> ddl = List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " ("
                        + " task_name TEXT NOT NULL,"
                        + " task_instance TEXT NOT NULL,"
                        + " task_data BYTEA,"
                        + " execution_time TIMESTAMP WITH TIME ZONE NOT NULL,"
                        + " picked BOOLEAN NOT NULL,"
                        + " picked_by TEXT,"
                        + " last_success TIMESTAMP WITH TIME ZONE,"
                        + " last_failure TIMESTAMP WITH TIME ZONE,"
                        + " consecutive_failures INT,"
                        + " last_heartbeat TIMESTAMP WITH TIME ZONE,"
                        + " version BIGINT NOT NULL,"
                        + " priority SMALLINT,"
                        + " PRIMARY KEY (task_name, task_instance))",
                "CREATE INDEX IF NOT EXISTS " + index + "_execution_time_idx ON " + table + " (execution_time)",
                "CREATE INDEX IF NOT EXISTS " + index + "_last_heartbeat_idx ON " + table + " (last_heartbeat)",
                "CREATE INDEX IF NOT EXISTS " + index + "_priority_execution_time_idx ON " + table
                        + " (priority DESC, execution_time ASC)");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
                statement.execute(sql);
            }
        }
    }
}

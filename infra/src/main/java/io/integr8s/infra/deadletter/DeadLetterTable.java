package io.integr8s.infra.deadletter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates the dead-letter table ({@code deadletterentry} with Axon's default schema) at start-up, before any event
 * processor runs. Idempotent. Created even when no group of {@code integr8s.dead-letters.processing-groups} is set,
 * so Axon's own {@code axon.eventhandling.processors.<name>.dlq.enabled} finds its table too.
 */
public class DeadLetterTable implements InitializingBean {

    private final DataSource dataSource;
    private final DeadLetterSchema schema;

    public DeadLetterTable(DataSource dataSource, DeadLetterSchema schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = PostgresDeadLetterTableFactory.INSTANCE.createTableStatement(connection, schema)) {
            statement.executeBatch();
        }
    }
}

package io.integr8s.infra.deadletter;

import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Sequenced dead-letter queues in PostgreSQL for the processing groups of {@code integr8s.dead-letters.processing-groups}.
 * With a queue registered, Axon wraps the group's handlers in a {@code DeadLetteringEventHandlerInvoker}: it catches a
 * handler's exception itself (its own error handler is always propagating, whatever the app registers as the default
 * listener invocation error handler), stores the event, and from then on also stores every later event of that
 * sequence, so order is kept; the processor and its token go on. Enqueue policy: Axon's default (every exception,
 * message truncated) counting the failed attempts ({@link DeadLetterAttempts}). Serializers: the Axon ones (Jackson, {@code defaultAxonObjectMapper}).
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, JdbcAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterAutoConfiguration {

    private static final Log LOG = LogFactory.getLog(DeadLetterAutoConfiguration.class);

    @Bean
    public DeadLetterTable deadLetterTable(DataSource dataSource, ObjectProvider<DeadLetterSchema> schema) {
        return new DeadLetterTable(dataSource, schema.getIfAvailable(DeadLetterSchema::defaultSchema));
    }

    @Bean
    public ConfigurerModule integr8sDeadLetterQueues(DeadLetterProperties properties,
                                                     ConnectionProvider connectionProvider,
                                                     TransactionManager transactionManager,
                                                     ObjectProvider<DeadLetterSchema> schemaProvider) {
        DeadLetterSchema schema = schemaProvider.getIfAvailable(DeadLetterSchema::defaultSchema);
        List<String> groups = properties.groups();
        boolean clearOnReset = properties.isClearOnReset();
        if (!groups.isEmpty()) {
            LOG.info("Dead-letter queue (table " + schema.deadLetterTable() + ") for processing groups " + groups);
        }
        return configurer -> {
            for (String group : groups) {
                configurer.eventProcessing()
                        .registerDeadLetterQueue(group, c -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .schema(schema)
                                .genericSerializer(c.serializer())
                                .eventSerializer(c.eventSerializer())
                                .build())
                        .registerDeadLetterPolicy(group, c -> new DeadLetterAttempts())
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                                (c, invoker) -> invoker.allowReset(clearOnReset));
            }
        };
    }

    @Bean
    public DeadLetterMetrics deadLetterMetrics(DeadLetterProperties properties,
                                               ObjectProvider<EventProcessingConfiguration> eventProcessing) {
        return new DeadLetterMetrics(properties.groups(), eventProcessing);
    }
}

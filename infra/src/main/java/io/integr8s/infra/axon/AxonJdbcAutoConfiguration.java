package io.integr8s.infra.axon;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL for Axon's JDBC stores (event store, tokens, sagas) and for db-scheduler, which backs Axon's durable
 * {@code DbSchedulerDeadlineManager}: the saga SQL dialect, PostgreSQL's unique violations recognised
 * ({@link UniqueViolationResolver}), and idempotent creation of all their tables.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {JdbcAutoConfiguration.class, DbSchedulerAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
public class AxonJdbcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(new SagaSchema());
    }

    @Bean
    @ConditionalOnMissingBean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    public AxonJdbcSchema axonJdbcSchema(ObjectProvider<EventStorageEngine> eventStorageEngine,
                                         ObjectProvider<TokenStore> tokenStore,
                                         ObjectProvider<SagaStore<?>> sagaStore) {
        return new AxonJdbcSchema(eventStorageEngine, tokenStore, sagaStore);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Scheduler.class)
    static class DbSchedulerTableConfiguration {

        @Bean
        public DbSchedulerTable dbSchedulerTable(DataSource dataSource, DbSchedulerProperties properties) {
            return new DbSchedulerTable(dataSource, properties.getTableName());
        }
    }
}

package io.integr8s.infra.axon;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Creates the tables of Axon's JDBC event store, token store and saga store on PostgreSQL at start-up. Axon itself
 * creates none. Every statement is {@code CREATE TABLE IF NOT EXISTS}, so this is safe on each restart. Stores that
 * are not the JDBC ones (replaced by the app) are left alone.
 */
public class AxonJdbcSchema implements InitializingBean {

    private static final Log LOG = LogFactory.getLog(AxonJdbcSchema.class);

    private final ObjectProvider<EventStorageEngine> eventStorageEngine;
    private final ObjectProvider<TokenStore> tokenStore;
    private final ObjectProvider<SagaStore<?>> sagaStore;

    public AxonJdbcSchema(ObjectProvider<EventStorageEngine> eventStorageEngine,
                          ObjectProvider<TokenStore> tokenStore,
                          ObjectProvider<SagaStore<?>> sagaStore) {
        this.eventStorageEngine = eventStorageEngine;
        this.tokenStore = tokenStore;
        this.sagaStore = sagaStore;
    }

    @Override
    public void afterPropertiesSet() {
        if (eventStorageEngine.getIfUnique() instanceof JdbcEventStorageEngine engine) {
            engine.createSchema(PostgresEventTableFactory.INSTANCE);
        }
        if (tokenStore.getIfUnique() instanceof JdbcTokenStore store) {
            store.createSchema(PostgresTokenTableFactory.INSTANCE);
        }
        if (sagaStore.getIfUnique() instanceof JdbcSagaStore store) {
            try {
                store.createSchema();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Cannot create the saga tables", e);
            }
        }
        LOG.debug("Axon JDBC schema present");
    }
}

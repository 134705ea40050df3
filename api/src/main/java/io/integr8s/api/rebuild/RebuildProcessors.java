package io.integr8s.api.rebuild;

import io.integr8s.projections.rebuild.RebuildableProjection;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Builds the tracking processor of one generation: the projection's own handlers, Axon's event store and token
 * store, tokens under the generation-suffixed name; so a restarted rebuild resumes from its token.
 */
@Component
class RebuildProcessors {

    private final EventStore eventStore;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final RebuildProperties properties;

    RebuildProcessors(EventStore eventStore, TokenStore tokens, TransactionManager transactions,
                      RebuildProperties properties) {
        this.eventStore = eventStore;
        this.tokens = tokens;
        this.transactions = transactions;
        this.properties = properties;
    }

    TrackingEventProcessor start(RebuildableProjection projection, int generation) {
        projection.prepare(generation);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(projection.rebuildProcessor(generation))
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(projection.eventHandler(generation)).build())
                .messageSource(eventStore)
                .tokenStore(tokens)
                .transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(properties.batchSize()))
                .build();
        processor.start();
        return processor;
    }
}

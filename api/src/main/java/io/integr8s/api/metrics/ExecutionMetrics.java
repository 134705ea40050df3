package io.integr8s.api.metrics;

import io.integr8s.command.execution.api.ExecutionEnded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Records an execution's metrics when it ends, from its stored history. A subscribing processor: it runs on the
 * instance that recorded the end, once per event (never on a replay), and counts only after that commit. Its
 * failures are logged, never passed on to the command that ended the run (see {@link MetricsConfiguration}).
 */
@Component
@ProcessingGroup(ExecutionMetrics.PROCESSING_GROUP)
class ExecutionMetrics {

    static final String PROCESSING_GROUP = "execution-metrics";

    private static final Logger log = LoggerFactory.getLogger(ExecutionMetrics.class);

    private final EventStore eventStore;
    private final ExecutionMeters meters;

    ExecutionMetrics(EventStore eventStore, ExecutionMeters meters) {
        this.eventStore = eventStore;
        this.meters = meters;
    }

    @EventHandler
    void on(ExecutionEnded end, EventMessage<?> message) {
        List<ExecutionTimeline.Stage> stored = eventStore.readEvents(end.executionId(), 0).asStream()
                .map(event -> new ExecutionTimeline.Stage(event.getPayload(), event.getTimestamp())).toList();
        ExecutionTimeline run = ExecutionTimeline.of(stored, end, message.getTimestamp());
        log.info("Execution {} ended {} ({}, error type {}) {} ms after submission", end.executionId(),
                run.status().wireName(), run.lang(), run.errorType(),
                run.submitToTerminal().map(took -> Long.toString(took.toMillis())).orElse("?"));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> meters.record(run));
        } else {
            meters.record(run);
        }
    }
}

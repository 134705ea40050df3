package io.integr8s.api.stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;

/** Reads an execution's full history from the event store: the authoritative record of what happened. */
@Component
public class ExecutionHistory {

    private final EventStore eventStore;

    public ExecutionHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Mono<List<ExecutionEventEnvelope>> read(String executionId) {
        return Mono.fromCallable(() -> {
            List<ExecutionEventEnvelope> events = new ArrayList<>();
            eventStore.readEvents(executionId).asStream().forEach(message -> events.add(envelope(message)));
            return events;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    static ExecutionEventEnvelope envelope(DomainEventMessage<?> message) {
        return new ExecutionEventEnvelope(message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getIdentifier(), message.getTimestamp(), message.getPayload());
    }
}

package io.integr8s.executor;

import org.awaitility.Awaitility;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;


/** An execution's stored events, as backend tests look at them. */
public record StoredEvents(EventStore store) {

    public List<Object> of(String executionId) {
        return store.readEvents(executionId).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    public long count(String executionId, Class<?> type) {
        return of(executionId).stream().filter(type::isInstance).count();
    }

    /** The first event of this type, once it is stored (within 10 s). */
    public <T> T await(String executionId, Class<T> type) {
        return Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> of(executionId).stream().filter(type::isInstance).map(type::cast).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}

package io.integr8s.projections.execution;

import io.integr8s.command.user.api.UserDeleted;
import io.integr8s.projections.testing.ExecutionEventGenerator;
import io.integr8s.projections.testing.InMemoryMongo;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild generation's batched writes give the same views as the live projection's write per event, with batches
 * that split executions' lifecycles, with a batch delivered again, and with a cascading user deletion inside a batch.
 */
class BatchedExecutionViewWritesTest {

    private static final int BATCH = 7;

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ExecutionReadModel readModel = new ExecutionReadModel(mongo.template(), name -> 0);
    private final List<EventMessage<?>> events = new ArrayList<>();
    private AnnotationEventHandlerAdapter live;
    private AnnotationEventHandlerAdapter generation1;

    @BeforeEach
    void setUp() {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(events::addAll);
        new ExecutionEventGenerator(bus, 10).publish(120, Instant.parse("2026-02-01T00:00:00Z"));
        events.add(40, GenericEventMessage.asEventMessage(new UserDeleted("owner-3", "owner-3", "admin", "gone", true)));
        live = new AnnotationEventHandlerAdapter(new ExecutionProjection(readModel));
        readModel.prepare(1);
        generation1 = new AnnotationEventHandlerAdapter(readModel.eventHandler(1));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void batchesThatSplitLifecyclesGiveTheLiveViews() throws Exception {
        for (EventMessage<?> event : events) {
            live.handle(event);
        }
        for (int from = 0; from < events.size(); from += BATCH) {
            handleInOneUnitOfWork(events.subList(from, Math.min(events.size(), from + BATCH)));
        }

        List<Document> expected = documents(ExecutionReadModel.collection(0));
        assertThat(expected).hasSize(119); // owner-3's first execution came before the deletion, its others after
        assertThat(documents(ExecutionReadModel.collection(1))).isEqualTo(expected);
    }

    @Test
    void aBatchDeliveredAgainChangesNothing() throws Exception {
        for (EventMessage<?> event : events) {
            live.handle(event);
        }
        for (int from = 0; from < events.size(); from += BATCH) {
            List<EventMessage<?>> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            handleInOneUnitOfWork(batch);
            if (from % (3 * BATCH) == 0) {
                handleInOneUnitOfWork(batch);
            }
        }

        assertThat(documents(ExecutionReadModel.collection(1))).isEqualTo(documents(ExecutionReadModel.collection(0)));
    }

    private void handleInOneUnitOfWork(List<EventMessage<?>> batch) throws Exception {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> generation1.handle(unitOfWork.getMessage()),
                RollbackConfigurationType.ANY_THROWABLE);
        assertThat(unitOfWork.getExecutionResult().isExceptionResult()).isFalse();
    }

    private List<Document> documents(String collection) {
        return mongo.template().find(new Query().with(Sort.by(ExecutionView.ID)), Document.class, collection)
                .collectList().block();
    }
}

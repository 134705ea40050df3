package io.integr8s.projections.saga;

import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.user.api.UserDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Builds {@link SagaView}s from the execution events the saga and the coordinator act on. Idempotent (a view applies
 * each aggregate sequence once) and replay-safe (a reset empties the collection; nothing else is touched).
 */
@Component
@ProcessingGroup(SagaProjection.PROCESSING_GROUP)
public class SagaProjection {

    public static final String PROCESSING_GROUP = "saga-projection";

    private final SagaViewStore store;

    public SagaProjection(SagaViewStore store) {
        this.store = store;
    }

    @EventHandler
    void on(ExecutionRequested event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.create(SagaView.requested(event.executionId(), event.ownerId(), sequence, at));
    }

    @EventHandler
    void on(ExecutionScheduled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.change(event.executionId(), sequence, view -> view.admitted(sequence, at));
    }

    @EventHandler
    void on(PodCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.change(event.executionId(), sequence, view -> view.sandboxReady(sequence, at));
    }

    @EventHandler
    void on(ExecutionCompleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.change(event.executionId(), sequence, view -> view.runCompleted(sequence, at));
    }

    @EventHandler
    void on(ExecutionFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.change(event.executionId(), sequence,
                view -> view.runEnded(SagaState.FAILED, message(event.result()), sequence, at));
    }

    @EventHandler
    void on(ExecutionTimedOut event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.change(event.executionId(), sequence,
                view -> view.runEnded(SagaState.TIMEOUT, message(event.result()), sequence, at));
    }

    /** The owner reads this view: only the owner or an admin can cancel, and an admin's id is not shown to them. */
    @EventHandler
    void on(ExecutionCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String by = event.ownerId().equals(event.cancelledBy()) ? "its owner" : "an admin";
        store.change(event.executionId(), sequence, view -> view.runEnded(SagaState.CANCELLED,
                "Cancelled by " + by + ": " + event.reason(), sequence, at));
    }

    @EventHandler
    void on(PodDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.change(event.executionId(), sequence, view -> view.sandboxDeleted(sequence, at));
    }

    /** A user deleted with cascade takes their sagas out of the read model, as with their executions. */
    @EventHandler
    void on(UserDeleted event) {
        if (event.cascade()) {
            store.deleteOwnedBy(event.userId());
        }
    }

    @ResetHandler
    void reset() {
        store.deleteAll();
    }

    private static String message(ExecutionResult result) {
        return result == null ? null : result.message();
    }
}

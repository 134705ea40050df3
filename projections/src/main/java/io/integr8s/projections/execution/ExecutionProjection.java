package io.integr8s.projections.execution;

import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionPriorityChanged;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.user.api.UserDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Builds {@link ExecutionView}s from the events of the Execution aggregate; every status is stored as it happens.
 * The Spring bean is the live projection (the active generation); a rebuild runs its own instance per generation.
 */
@Component
@ProcessingGroup(ExecutionProjection.PROCESSING_GROUP)
public class ExecutionProjection {

    public static final String PROCESSING_GROUP = "execution-projection";

    private final ExecutionViewWrites store;

    @Autowired
    public ExecutionProjection(ExecutionReadModel readModel) {
        this(readModel.liveStore());
    }

    public ExecutionProjection(ExecutionViewWrites store) {
        this.store = store;
    }

    @EventHandler
    void on(ExecutionRequested event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.create(ExecutionView.requested(event, sequence, at));
    }

    @EventHandler
    void on(ExecutionPriorityChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.apply(event.executionId(), sequence, at, new Update().set(ExecutionView.PRIORITY, event.priority()));
    }

    @EventHandler
    void on(ExecutionScheduled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.apply(event.executionId(), sequence, at,
                status(ExecutionStatus.SCHEDULED).set(ExecutionView.SCHEDULED_AT, at));
    }

    @EventHandler
    void on(PodCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.apply(event.executionId(), sequence, at, new Update().set(ExecutionView.POD_NAME, event.podName()));
    }

    @EventHandler
    void on(ExecutionStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.apply(event.executionId(), sequence, at,
                status(ExecutionStatus.RUNNING).set(ExecutionView.STARTED_AT, at));
    }

    @EventHandler
    void on(ExecutionCompleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.apply(event.executionId(), sequence, at, ended(ExecutionStatus.COMPLETED, event.result(), at));
    }

    @EventHandler
    void on(ExecutionFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.apply(event.executionId(), sequence, at, ended(ExecutionStatus.FAILED, event.result(), at));
    }

    @EventHandler
    void on(ExecutionTimedOut event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.apply(event.executionId(), sequence, at, ended(ExecutionStatus.TIMEOUT, event.result(), at));
    }

    @EventHandler
    void on(ExecutionCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.apply(event.executionId(), sequence, at, status(ExecutionStatus.CANCELLED)
                .set(ExecutionView.CANCEL_REASON, event.reason())
                .set(ExecutionView.FINISHED_AT, at));
    }

    /** The view has no pod field to clear; applying it still moves {@code lastSequence} to the latest event. */
    @EventHandler
    void on(PodDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.apply(event.executionId(), sequence, at, new Update());
    }

    /** A user deleted with cascade takes their executions out of the read model; a replay repeats it in order. */
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

    private static Update status(ExecutionStatus status) {
        return new Update().set(ExecutionView.STATUS, status);
    }

    private static Update ended(ExecutionStatus status, ExecutionResult result, Instant at) {
        return status(status)
                .set(ExecutionView.STDOUT, result.stdout())
                .set(ExecutionView.STDERR, result.stderr())
                .set(ExecutionView.STDOUT_TRUNCATED, result.stdoutTruncated())
                .set(ExecutionView.STDERR_TRUNCATED, result.stderrTruncated())
                .set(ExecutionView.EXIT_CODE, result.exitCode())
                .set(ExecutionView.ERROR_TYPE, result.errorType())
                .set(ExecutionView.MESSAGE, result.message())
                .set(ExecutionView.RESOURCE_USAGE, ResourceUsageView.from(result.resourceUsage()))
                .set(ExecutionView.FINISHED_AT, at);
    }
}

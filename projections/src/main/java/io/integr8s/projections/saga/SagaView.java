package io.integr8s.projections.saga;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The read model of one execution's saga, document {@value #COLLECTION}: the steps of the {@code ExecutionSaga} and
 * the Coordinator as its events show them. Forward steps: {@value #QUEUE}, {@value #ADMIT}, {@value #CREATE_SANDBOX},
 * {@value #RUN}, {@value #DELETE_SANDBOX}. A run that does not complete is compensated: its slot is released
 * ({@value #RELEASE_SLOT}) and its sandbox deleted ({@value #DELETE_SANDBOX}); the saga is {@code compensating} until
 * the sandbox is gone, then takes the end state the execution had. {@code endState} holds that state meanwhile.
 * Transitions are pure: each returns the next view with {@code lastSequence} moved to the event's sequence.
 */
@Document(SagaView.COLLECTION)
public record SagaView(@Id String sagaId,
                       String sagaName,
                       String executionId,
                       String ownerId,
                       SagaState state,
                       String currentStep,
                       List<String> completedSteps,
                       List<String> compensatedSteps,
                       String errorMessage,
                       boolean sandboxCreated,
                       SagaState endState,
                       Instant createdAt,
                       Instant updatedAt,
                       Instant completedAt,
                       long lastSequence) {

    public static final String COLLECTION = "sagas";
    public static final String NAME = "execution_saga";

    public static final String QUEUE = "queue_execution";
    public static final String ADMIT = "admit_execution";
    public static final String CREATE_SANDBOX = "create_sandbox";
    public static final String RUN = "run_script";
    public static final String DELETE_SANDBOX = "delete_sandbox";
    public static final String RELEASE_SLOT = "release_slot";

    /** Document field names, for queries. */
    public static final String ID = "_id";
    public static final String EXECUTION_ID = "executionId";
    public static final String OWNER_ID = "ownerId";
    public static final String STATE = "state";
    public static final String CREATED_AT = "createdAt";
    public static final String LAST_SEQUENCE = "lastSequence";

    public SagaView {
        completedSteps = List.copyOf(completedSteps);
        compensatedSteps = List.copyOf(compensatedSteps);
    }

    /** The saga id of an execution: derived from its id, so a replay rebuilds the same one. */
    public static String idOf(String executionId) {
        return UUID.nameUUIDFromBytes((NAME + ":" + executionId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Queued: waiting for the coordinator to admit it. */
    public static SagaView requested(String executionId, String ownerId, long sequence, Instant at) {
        return new SagaView(idOf(executionId), NAME, executionId, ownerId, SagaState.CREATED, ADMIT, List.of(QUEUE),
                List.of(), null, false, null, at, at, null, sequence);
    }

    SagaView admitted(long sequence, Instant at) {
        return new SagaView(sagaId, sagaName, executionId, ownerId, SagaState.RUNNING, CREATE_SANDBOX,
                plus(completedSteps, ADMIT), compensatedSteps, errorMessage, sandboxCreated, endState, createdAt, at,
                completedAt, sequence);
    }

    SagaView sandboxReady(long sequence, Instant at) {
        return new SagaView(sagaId, sagaName, executionId, ownerId, state, RUN, plus(completedSteps, CREATE_SANDBOX),
                compensatedSteps, errorMessage, true, endState, createdAt, at, completedAt, sequence);
    }

    /** The script ran to its end; the sandbox is deleted next. */
    SagaView runCompleted(long sequence, Instant at) {
        return new SagaView(sagaId, sagaName, executionId, ownerId, state, DELETE_SANDBOX, plus(completedSteps, RUN),
                compensatedSteps, errorMessage, sandboxCreated, SagaState.COMPLETED, createdAt, at, completedAt,
                sequence);
    }

    /**
     * The run failed, timed out or was cancelled: the slot is released at once; with a sandbox, the saga compensates
     * until it is deleted, without one it ends here.
     */
    SagaView runEnded(SagaState end, String error, long sequence, Instant at) {
        List<String> compensated = plus(compensatedSteps, RELEASE_SLOT);
        if (sandboxCreated) {
            return new SagaView(sagaId, sagaName, executionId, ownerId, SagaState.COMPENSATING, DELETE_SANDBOX,
                    completedSteps, compensated, error, true, end, createdAt, at, null, sequence);
        }
        return new SagaView(sagaId, sagaName, executionId, ownerId, end, null, completedSteps, compensated, error,
                false, end, createdAt, at, at, sequence);
    }

    /** The sandbox is gone: the last forward step of a completed run, the last compensation of any other. */
    SagaView sandboxDeleted(long sequence, Instant at) {
        SagaState end = endState == null ? state : endState;
        boolean completed = end == SagaState.COMPLETED;
        return new SagaView(sagaId, sagaName, executionId, ownerId, end, null,
                completed ? plus(completedSteps, DELETE_SANDBOX) : completedSteps,
                completed ? compensatedSteps : plus(compensatedSteps, DELETE_SANDBOX), errorMessage, sandboxCreated,
                end, createdAt, at, at, sequence);
    }

    private static List<String> plus(List<String> steps, String step) {
        if (steps.contains(step)) {
            return steps;
        }
        List<String> more = new ArrayList<>(steps);
        more.add(step);
        return more;
    }
}

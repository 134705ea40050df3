package io.integr8s.projections.saga;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.command.user.api.UserDeleted;
import io.integr8s.projections.testing.InMemoryMongo;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Feeds execution events through Axon's annotation handling into a real Mongo-wire server, as the processor would. */
class SagaProjectionTest {

    private static final String ID = "exec-1";
    private static final String OWNER = "alice";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ExecutionResult CLEAN = new ExecutionResult(0, "hi\n", "", false, false,
            ResourceUsage.wallTimeOnly(0.1), null, null);

    private final InMemoryMongo mongo = new InMemoryMongo();
    private AnnotationEventHandlerAdapter projection;

    @BeforeEach
    void setUp() {
        SagaViewStore store = new SagaViewStore(mongo.template());
        store.createIndexes();
        projection = new AnnotationEventHandlerAdapter(new SagaProjection(store));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void aCompletedRunWalksEveryForwardStepAndEndsCompletedOnceTheSandboxIsGone() throws Exception {
        deliver(0, requested());
        SagaView queued = view();
        assertThat(queued.sagaId()).isEqualTo(SagaView.idOf(ID));
        assertThat(queued.sagaName()).isEqualTo("execution_saga");
        assertThat(queued.executionId()).isEqualTo(ID);
        assertThat(queued.ownerId()).isEqualTo(OWNER);
        assertThat(queued.state()).isEqualTo(SagaState.CREATED);
        assertThat(queued.currentStep()).isEqualTo("admit_execution");
        assertThat(queued.completedSteps()).containsExactly("queue_execution");
        assertThat(queued.createdAt()).isEqualTo(at(0));

        deliver(1, scheduled());
        assertThat(view().state()).isEqualTo(SagaState.RUNNING);
        assertThat(view().currentStep()).isEqualTo("create_sandbox");

        deliver(2, new PodCreated(ID, OWNER, "sandbox-exec-1"));
        deliver(3, new ExecutionStarted(ID, OWNER));
        assertThat(view().currentStep()).isEqualTo("run_script");

        deliver(4, new ExecutionCompleted(ID, OWNER, CLEAN));
        assertThat(view().state()).isEqualTo(SagaState.RUNNING);
        assertThat(view().currentStep()).isEqualTo("delete_sandbox");
        assertThat(view().completedAt()).isNull();

        deliver(5, new PodDeleted(ID, OWNER));
        SagaView done = view();
        assertThat(done.state()).isEqualTo(SagaState.COMPLETED);
        assertThat(done.currentStep()).isNull();
        assertThat(done.completedSteps()).containsExactly("queue_execution", "admit_execution", "create_sandbox",
                "run_script", "delete_sandbox");
        assertThat(done.compensatedSteps()).isEmpty();
        assertThat(done.errorMessage()).isNull();
        assertThat(done.completedAt()).isEqualTo(at(5));
        assertThat(done.updatedAt()).isEqualTo(at(5));
    }

    @Test
    void aCancelledRunCompensatesUntilItsSandboxIsDeleted() throws Exception {
        deliver(0, requested());
        deliver(1, scheduled());
        deliver(2, new PodCreated(ID, OWNER, "sandbox-exec-1"));
        deliver(3, new ExecutionCancelled(ID, OWNER, "not needed", "bob", ExecutionStatus.RUNNING));

        SagaView compensating = view();
        assertThat(compensating.state()).isEqualTo(SagaState.COMPENSATING);
        assertThat(compensating.currentStep()).isEqualTo("delete_sandbox");
        assertThat(compensating.compensatedSteps()).containsExactly("release_slot");
        // bob is not the owner, so an admin: the owner reading this view is not shown the admin's id
        assertThat(compensating.errorMessage()).isEqualTo("Cancelled by an admin: not needed");

        deliver(4, new PodDeleted(ID, OWNER));
        SagaView cancelled = view();
        assertThat(cancelled.state()).isEqualTo(SagaState.CANCELLED);
        assertThat(cancelled.completedSteps()).containsExactly("queue_execution", "admit_execution", "create_sandbox");
        assertThat(cancelled.compensatedSteps()).containsExactly("release_slot", "delete_sandbox");
        assertThat(cancelled.completedAt()).isEqualTo(at(4));
    }

    @Test
    void aQueuedExecutionCancelledHasNoSandboxToDeleteAndEndsAtOnce() throws Exception {
        deliver(0, requested());
        deliver(1, new ExecutionCancelled(ID, OWNER, "changed my mind", OWNER, ExecutionStatus.QUEUED));

        SagaView cancelled = view();
        assertThat(cancelled.state()).isEqualTo(SagaState.CANCELLED);
        assertThat(cancelled.currentStep()).isNull();
        assertThat(cancelled.compensatedSteps()).containsExactly("release_slot");
        assertThat(cancelled.completedAt()).isEqualTo(at(1));
    }

    @Test
    void failuresAndTimeoutsCarryTheirMessageAndEndInTheirOwnState() throws Exception {
        deliver(0, requested());
        deliver(1, scheduled());
        deliver(2, new PodCreated(ID, OWNER, "sandbox-exec-1"));
        deliver(3, new ExecutionFailed(ID, OWNER, ExecutionResult.failure(ErrorType.RESOURCE_LIMIT,
                "memory limit of 128 MiB exceeded")));
        deliver(4, new PodDeleted(ID, OWNER));
        assertThat(view().state()).isEqualTo(SagaState.FAILED);
        assertThat(view().errorMessage()).isEqualTo("memory limit of 128 MiB exceeded");

        String other = "exec-2";
        deliver(other, 0, new ExecutionRequested(other, OWNER, "x", "python", "3.11", Priority.NORMAL, 5, null, null, T0));
        deliver(other, 1, new ExecutionScheduled(other, OWNER, "x", "python", "3.11", 5, null, null));
        deliver(other, 2, new ExecutionTimedOut(other, OWNER, ExecutionResult.failure(ErrorType.TIMEOUT, "no result")));
        SagaView timedOut = view(other);
        assertThat(timedOut.state()).as("no sandbox was created: nothing to wait for").isEqualTo(SagaState.TIMEOUT);
        assertThat(timedOut.errorMessage()).isEqualTo("no result");
    }

    @Test
    void redeliveredAndReplayedEventsChangeNothing() throws Exception {
        deliver(0, requested());
        deliver(1, scheduled());
        deliver(2, new PodCreated(ID, OWNER, "sandbox-exec-1"));
        SagaView before = view();

        deliver(0, requested());
        deliver(1, scheduled());
        deliver(2, new PodCreated(ID, OWNER, "sandbox-exec-1"));

        assertThat(view()).isEqualTo(before);
        assertThat(mongo.template().count(new Query(), SagaView.class).block()).isEqualTo(1);
    }

    @Test
    void aUserDeletedWithCascadeTakesTheirSagasAlong() throws Exception {
        deliver(0, requested());
        projection.handle(GenericEventMessage.asEventMessage(new UserDeleted(OWNER, "alice", "admin", "left", true)));

        assertThat(mongo.template().findById(SagaView.idOf(ID), SagaView.class).block()).isNull();
    }

    private static ExecutionRequested requested() {
        return new ExecutionRequested(ID, OWNER, "print('hi')", "python", "3.11", Priority.NORMAL, 5, null, null, T0);
    }

    private static ExecutionScheduled scheduled() {
        return new ExecutionScheduled(ID, OWNER, "print('hi')", "python", "3.11", 5, null, null);
    }

    private void deliver(long sequence, Object event) throws Exception {
        deliver(ID, sequence, event);
    }

    private void deliver(String executionId, long sequence, Object event) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("Execution", executionId, sequence, event,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at(sequence)));
    }

    private static Instant at(long sequence) {
        return T0.plusSeconds(sequence);
    }

    private SagaView view() {
        return view(ID);
    }

    private SagaView view(String executionId) {
        return mongo.template().findById(SagaView.idOf(executionId), SagaView.class).block();
    }
}

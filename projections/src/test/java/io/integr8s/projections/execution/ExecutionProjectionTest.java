package io.integr8s.projections.execution;

import io.integr8s.command.execution.api.ErrorType;
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
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.projections.testing.InMemoryMongo;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Feeds events through Axon's annotation handling, as a processor would, into a real Mongo-wire server. */
class ExecutionProjectionTest {

    private static final String ID = "exec-1";
    private static final String OWNER = "alice";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private AnnotationEventHandlerAdapter projection;

    @BeforeEach
    void setUp() {
        projection = new AnnotationEventHandlerAdapter(
                new ExecutionProjection(new ExecutionReadModel(mongo.template(), name -> 0)));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void followsTheLifecycleOfACompletedRunStepByStep() throws Exception {
        deliver(0, requested("print('hi')"));
        ExecutionView queued = view();
        assertThat(queued.status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(queued.ownerId()).isEqualTo(OWNER);
        assertThat(queued.script()).isEqualTo("print('hi')");
        assertThat(queued.lang()).isEqualTo("python");
        assertThat(queued.langVersion()).isEqualTo("3.11");
        assertThat(queued.priority()).isEqualTo(Priority.HIGH);
        assertThat(queued.timeoutSeconds()).isEqualTo(30);
        assertThat(queued.createdAt()).isEqualTo(at(0));
        assertThat(queued.updatedAt()).isEqualTo(at(0));
        assertThat(queued.lastSequence()).isZero();
        assertThat(queued.stdout()).isNull();
        assertThat(queued.resourceUsage()).isNull();

        deliver(1, new ExecutionScheduled(ID, OWNER, "print('hi')", "python", "3.11", 30, "128Mi", "1000m"));
        assertThat(view().status()).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(view().scheduledAt()).isEqualTo(at(1));

        deliver(2, new PodCreated(ID, OWNER, "executor-exec-1"));
        assertThat(view().podName()).isEqualTo("executor-exec-1");
        assertThat(view().status()).isEqualTo(ExecutionStatus.SCHEDULED);

        deliver(3, new ExecutionStarted(ID, OWNER));
        assertThat(view().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(view().startedAt()).isEqualTo(at(3));

        deliver(4, new ExecutionCompleted(ID, OWNER, new ExecutionResult(3, "hi\n", "warn\n", true, false,
                new ResourceUsage(0.25, 120_000L, 8_192L), null, null)));
        ExecutionView completed = view();
        assertThat(completed.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(completed.stdout()).isEqualTo("hi\n");
        assertThat(completed.stderr()).isEqualTo("warn\n");
        assertThat(completed.stdoutTruncated()).isTrue();
        assertThat(completed.stderrTruncated()).isFalse();
        assertThat(completed.exitCode()).isEqualTo(3);
        assertThat(completed.errorType()).isNull();
        assertThat(completed.resourceUsage()).isEqualTo(new ResourceUsageView(0.25, 120_000L, 8_192L));
        assertThat(completed.finishedAt()).isEqualTo(at(4));
        assertThat(completed.lastSequence()).isEqualTo(4);

        deliver(5, new PodDeleted(ID, OWNER));
        assertThat(view()).isEqualTo(withSequence(completed, 5));
    }

    @Test
    void keepsUnmeasuredResourceUsageAsNullRatherThanZero() throws Exception {
        runUntilStarted();
        deliver(4, new ExecutionCompleted(ID, OWNER, new ExecutionResult(0, "", "", false, false,
                ResourceUsage.wallTimeOnly(1.5), null, null)));

        assertThat(view().resourceUsage()).isEqualTo(new ResourceUsageView(1.5, null, null));
    }

    @Test
    void storesWhyARunFailed() throws Exception {
        runUntilStarted();
        deliver(4, new ExecutionFailed(ID, OWNER,
                ExecutionResult.failure(ErrorType.RESOURCE_LIMIT, "memory limit 128 MiB")));

        ExecutionView failed = view();
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.errorType()).isEqualTo(ErrorType.RESOURCE_LIMIT);
        assertThat(failed.message()).isEqualTo("memory limit 128 MiB");
        assertThat(failed.exitCode()).isNull();
        assertThat(failed.finishedAt()).isEqualTo(at(4));
    }

    @Test
    void storesATimeout() throws Exception {
        runUntilStarted();
        deliver(4, new ExecutionTimedOut(ID, OWNER, new ExecutionResult(-1, "partial", "", false, false, null,
                ErrorType.TIMEOUT, "no result after 30 s")));

        assertThat(view().status()).isEqualTo(ExecutionStatus.TIMEOUT);
        assertThat(view().exitCode()).isEqualTo(-1);
        assertThat(view().stdout()).isEqualTo("partial");
    }

    @Test
    void storesACancellationWhileQueued() throws Exception {
        deliver(0, requested("print(1)"));
        deliver(1, new ExecutionCancelled(ID, OWNER, "changed my mind", OWNER, ExecutionStatus.QUEUED));

        ExecutionView cancelled = view();
        assertThat(cancelled.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("changed my mind");
        assertThat(cancelled.finishedAt()).isEqualTo(at(1));
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        runUntilStarted();
        deliver(4, new ExecutionCompleted(ID, OWNER, new ExecutionResult(0, "out", "", false, false,
                ResourceUsage.wallTimeOnly(0.1), null, null)));
        ExecutionView completed = view();

        deliver(3, new ExecutionStarted(ID, OWNER));
        deliver(1, new ExecutionScheduled(ID, OWNER, "print(1)", "python", "3.11", 30, "128Mi", "1000m"));
        deliver(4, new ExecutionFailed(ID, OWNER, ExecutionResult.failure(ErrorType.SYSTEM_ERROR, "late")));
        deliver(0, requested("something else"));

        assertThat(view()).isEqualTo(completed);
        assertThat(mongo.template().count(new Query(), ExecutionView.class).block()).isOne();
    }

    @Test
    void aResetEmptiesTheCollection() throws Exception {
        runUntilStarted();
        assertThat(projection.supportsReset()).isTrue();

        projection.prepareReset();

        assertThat(mongo.template().findAll(ExecutionView.class).collectList().block()).isEmpty();
    }

    @Test
    void createsItsIndexesIdempotently() {
        ExecutionReadModel readModel = new ExecutionReadModel(mongo.template(), name -> 0);
        readModel.createIndexesOfTheActiveGeneration();
        readModel.createIndexesOfTheActiveGeneration();

        assertThat(indexes(ExecutionView.COLLECTION)).contains(ExecutionIndexes.OWNER_CREATED, ExecutionIndexes.STATUS);
    }

    @Test
    void aGenerationIsBuiltInItsOwnCollectionsAndDroppedWhole() throws Exception {
        ExecutionReadModel readModel = new ExecutionReadModel(mongo.template(), name -> 0);
        readModel.prepare(2);
        AnnotationEventHandlerAdapter generation2 = new AnnotationEventHandlerAdapter(readModel.eventHandler(2));
        generation2.handle(new GenericDomainEventMessage<>("Execution", ID, 0, requested("print(2)"),
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at(0)));

        assertThat(readModel.rebuildProcessor(2)).isEqualTo("execution-projection-g2");
        assertThat(indexes("executions_g2")).contains(ExecutionIndexes.OWNER_CREATED, ExecutionIndexes.STATUS);
        assertThat(mongo.template().findById(ID, ExecutionView.class, "executions_g2").block().script())
                .isEqualTo("print(2)");
        assertThat(view()).isNull();

        readModel.drop(2);

        assertThat(mongo.template().collectionExists("executions_g2").block()).isFalse();
        assertThat(new ExecutionReadModel(mongo.template(), name -> 2).collection()).isEqualTo("executions_g2");
    }

    private List<String> indexes(String collection) {
        return mongo.template().indexOps(collection).getIndexInfo().map(IndexInfo::getName).collectList().block();
    }

    private void runUntilStarted() throws Exception {
        deliver(0, requested("print(1)"));
        deliver(1, new ExecutionScheduled(ID, OWNER, "print(1)", "python", "3.11", 30, "128Mi", "1000m"));
        deliver(2, new PodCreated(ID, OWNER, "executor-exec-1"));
        deliver(3, new ExecutionStarted(ID, OWNER));
    }

    private static ExecutionRequested requested(String script) {
        return new ExecutionRequested(ID, OWNER, script, "python", "3.11", Priority.HIGH, 30, "128Mi", "1000m", T0);
    }

    @Test
    void aPriorityChangeIsShownOnce() throws Exception {
        deliver(0, requested("print(1)"));
        deliver(1, new ExecutionPriorityChanged(ID, OWNER, Priority.HIGH, Priority.LOW, "admin-1"));
        deliver(1, new ExecutionPriorityChanged(ID, OWNER, Priority.HIGH, Priority.CRITICAL, "admin-1"));

        assertThat(view().priority()).isEqualTo(Priority.LOW);
        assertThat(view().lastSequence()).isEqualTo(1);
    }

    private void deliver(long sequence, Object event) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("Execution", ID, sequence, event, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), at(sequence)));
    }

    /** One second per step, so every timestamp says which event wrote it. */
    private static Instant at(long sequence) {
        return T0.plusSeconds(sequence);
    }

    private ExecutionView view() {
        return mongo.template().findById(ID, ExecutionView.class).block();
    }

    private static ExecutionView withSequence(ExecutionView v, long sequence) {
        return new ExecutionView(v.executionId(), v.ownerId(), v.status(), v.script(), v.lang(), v.langVersion(),
                v.priority(), v.timeoutSeconds(), v.podName(), v.stdout(), v.stderr(), v.stdoutTruncated(),
                v.stderrTruncated(), v.exitCode(), v.errorType(), v.message(), v.resourceUsage(), v.cancelReason(),
                v.createdAt(), v.scheduledAt(), v.startedAt(), v.finishedAt(), at(sequence), sequence);
    }
}

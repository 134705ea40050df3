package io.integr8s.command.execution;

import io.integr8s.command.execution.api.AdmitExecution;
import io.integr8s.command.execution.api.CancelExecution;
import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionRuleViolation;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.ExpireExecution;
import io.integr8s.command.execution.api.InvalidExecutionRequest;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.command.execution.api.PodContainerStatus;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.execution.api.PodFailed;
import io.integr8s.command.execution.api.PodRunning;
import io.integr8s.command.execution.api.PodScheduled;
import io.integr8s.command.execution.api.PodSucceeded;
import io.integr8s.command.execution.api.PodTerminated;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.execution.api.RecordExecutionFinished;
import io.integr8s.command.execution.api.RecordExecutionStarted;
import io.integr8s.command.execution.api.RecordPodCreated;
import io.integr8s.command.execution.api.RecordPodDeleted;
import io.integr8s.command.execution.api.RecordPodFailed;
import io.integr8s.command.execution.api.RecordPodRunning;
import io.integr8s.command.execution.api.RecordPodScheduled;
import io.integr8s.command.execution.api.RecordPodSucceeded;
import io.integr8s.command.execution.api.RecordPodTerminated;
import io.integr8s.command.execution.api.RequestExecution;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.command.runtime.LanguageRuntime;
import io.integr8s.command.runtime.RuntimeRegistry;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class ExecutionTest {

    private static final String ID = "exec-1";
    private static final String OWNER = "user-1";
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final ExecutionResult HELLO = new ExecutionResult(0, "hello\n", "", false, false,
            ResourceUsage.wallTimeOnly(0.05), null, null);

    private AggregateTestFixture<Execution> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Execution.class);
        fixture.registerInjectableResource(new RuntimeRegistry(List.of(new LanguageRuntime("python", List.of("3.11"), "py"))));
    }

    private static RequestExecution request(String script, String lang, String version) {
        return new RequestExecution(ID, OWNER, script, lang, version, Priority.NORMAL, 5, "256Mi", "500m", AT);
    }

    private static ExecutionRequested requested() {
        return new ExecutionRequested(ID, OWNER, "print('hello')", "python", "3.11", Priority.NORMAL, 5, "256Mi",
                "500m", AT);
    }

    private static ExecutionScheduled scheduled() {
        return new ExecutionScheduled(ID, OWNER, "print('hello')", "python", "3.11", 5, "256Mi", "500m");
    }

    private static PodCreated podCreated() {
        return new PodCreated(ID, OWNER, "sandbox-" + ID);
    }

    private static ExecutionCompleted completed() {
        return new ExecutionCompleted(ID, OWNER, HELLO);
    }

    @Test
    void aRequestForASupportedRuntimeIsQueued() {
        fixture.givenNoPriorActivity()
                .when(request("print('hello')", "python", "3.11"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested());
    }

    @Test
    void aRequestForAnUnknownLanguageIsRefusedWithTheSupportedList() {
        fixture.givenNoPriorActivity()
                .when(request("puts 1", "cobol", "85"))
                .expectException(InvalidExecutionRequest.class)
                .expectExceptionMessage("Unsupported runtime 'cobol 85'; supported: python 3.11")
                .expectNoEvents();
    }

    @Test
    void aRequestForAnUnknownVersionIsRefused() {
        fixture.givenNoPriorActivity()
                .when(request("print(1)", "python", "2.7"))
                .expectException(InvalidExecutionRequest.class)
                .expectNoEvents();
    }

    @Test
    void aScriptOfExactlyFiftyThousandCharactersIsAccepted() {
        String script = "#".repeat(Execution.MAX_SCRIPT_CHARACTERS);
        fixture.givenNoPriorActivity()
                .when(request(script, "python", "3.11"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aScriptOverFiftyThousandCharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(request("#".repeat(Execution.MAX_SCRIPT_CHARACTERS + 1), "python", "3.11"))
                .expectException(InvalidExecutionRequest.class)
                .expectExceptionMessage("The script has 50001 characters; the limit is 50000")
                .expectNoEvents();
    }

    @Test
    void scriptLengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        fixture.givenNoPriorActivity()
                .when(request(emoji.repeat(Execution.MAX_SCRIPT_CHARACTERS), "python", "3.11"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anEmptyScriptIsRefused() {
        fixture.givenNoPriorActivity()
                .when(request("   ", "python", "3.11"))
                .expectException(InvalidExecutionRequest.class)
                .expectNoEvents();
    }

    @Test
    void admissionSchedulesAQueuedExecution() {
        fixture.given(requested())
                .when(new AdmitExecution(ID))
                .expectEvents(scheduled());
    }

    @Test
    void anExecutionRequestedBeforeLimitsWereRecordedIsScheduledWithoutThem() {
        fixture.given(new ExecutionRequested(ID, OWNER, "print('hello')", "python", "3.11", Priority.NORMAL, 5, null,
                        null, AT))
                .when(new AdmitExecution(ID))
                .expectEvents(new ExecutionScheduled(ID, OWNER, "print('hello')", "python", "3.11", 5, null, null));
    }

    @Test
    void admittingTwiceSchedulesOnce() {
        fixture.given(requested(), scheduled())
                .when(new AdmitExecution(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anEndedExecutionCannotBeAdmitted() {
        fixture.given(requested(), new ExecutionCancelled(ID, OWNER, "user", OWNER, ExecutionStatus.QUEUED))
                .when(new AdmitExecution(ID))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aSandboxIsCreatedOnlyForAScheduledExecution() {
        fixture.given(requested())
                .when(new RecordPodCreated(ID, "sandbox-" + ID))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aScheduledExecutionGetsItsSandbox() {
        fixture.given(requested(), scheduled())
                .when(new RecordPodCreated(ID, "sandbox-" + ID))
                .expectEvents(podCreated());
    }

    @Test
    void aSecondSandboxForTheSameExecutionIsRefusedSoItRunsOnce() {
        fixture.given(requested(), scheduled(), podCreated())
                .when(new RecordPodCreated(ID, "sandbox-" + ID))
                .expectException(ExecutionRuleViolation.class)
                .expectExceptionMessage("A sandbox was already created for execution 'exec-1'; it runs once only")
                .expectNoEvents();
    }

    @Test
    void startingNeedsASandbox() {
        fixture.given(requested(), scheduled())
                .when(new RecordExecutionStarted(ID))
                .expectException(ExecutionRuleViolation.class);
    }

    @Test
    void aStartedExecutionIsRunning() {
        fixture.given(requested(), scheduled(), podCreated())
                .when(new RecordExecutionStarted(ID))
                .expectEvents(new ExecutionStarted(ID, OWNER));
    }

    @Test
    void aCleanRunCompletesWithItsFullResult() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER))
                .when(new RecordExecutionFinished(ID, Outcome.COMPLETED, HELLO))
                .expectEvents(completed());
    }

    @Test
    void aLimitFailureEndsFailed() {
        ExecutionResult oom = ExecutionResult.failure(ErrorType.RESOURCE_LIMIT, "memory limit of 128 MiB exceeded");
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER))
                .when(new RecordExecutionFinished(ID, Outcome.FAILED, oom))
                .expectEvents(new ExecutionFailed(ID, OWNER, oom));
    }

    @Test
    void aWallClockKillEndsTimedOut() {
        ExecutionResult timeout = new ExecutionResult(-1, "", "", false, false, ResourceUsage.wallTimeOnly(2.0),
                ErrorType.TIMEOUT, "wall-clock limit of 2 s exceeded");
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER))
                .when(new RecordExecutionFinished(ID, Outcome.TIMED_OUT, timeout))
                .expectEvents(new ExecutionTimedOut(ID, OWNER, timeout));
    }

    @Test
    void finishingWithoutASandboxIsRefused() {
        fixture.given(requested(), scheduled())
                .when(new RecordExecutionFinished(ID, Outcome.COMPLETED, HELLO))
                .expectException(ExecutionRuleViolation.class);
    }

    @Test
    void noTransitionLeavesATerminalState() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER), completed())
                .when(new RecordExecutionFinished(ID, Outcome.FAILED, ExecutionResult.failure(ErrorType.SYSTEM_ERROR, "x")))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anEndedExecutionCannotStartAgain() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER), completed())
                .when(new RecordExecutionStarted(ID))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aQueuedExecutionCanBeCancelled() {
        fixture.given(requested())
                .when(new CancelExecution(ID, "changed my mind", OWNER))
                .expectEvents(new ExecutionCancelled(ID, OWNER, "changed my mind", OWNER, ExecutionStatus.QUEUED));
    }

    @Test
    void aRunningExecutionCanBeCancelled() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER))
                .when(new CancelExecution(ID, "too slow", OWNER))
                .expectEvents(new ExecutionCancelled(ID, OWNER, "too slow", OWNER, ExecutionStatus.RUNNING));
    }

    @Test
    void cancellingAFinishedExecutionIsRejected() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER), completed())
                .when(new CancelExecution(ID, "late", OWNER))
                .expectException(ExecutionRuleViolation.class)
                .expectExceptionMessage("Cannot cancel execution 'exec-1': it already ended with status 'completed'")
                .expectNoEvents();
    }

    @Test
    void aResultArrivingAfterCancellationIsRejected() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER),
                        new ExecutionCancelled(ID, OWNER, "stop", OWNER, ExecutionStatus.RUNNING))
                .when(new RecordExecutionFinished(ID, Outcome.COMPLETED, HELLO))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void theDeadlineTimesOutAnExecutionWithoutResult() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER))
                .when(new ExpireExecution(ID, "no result within 7 s"))
                .expectEvents(new ExecutionTimedOut(ID, OWNER, new ExecutionResult(-1, "", "", false, false, null,
                        ErrorType.TIMEOUT, "no result within 7 s")));
    }

    @Test
    void theDeadlineChangesNothingOnceTheExecutionEnded() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER), completed())
                .when(new ExpireExecution(ID, "late"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void deletingACreatedSandboxIsRecordedOnce() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER), completed())
                .when(new RecordPodDeleted(ID))
                .expectEvents(new PodDeleted(ID, OWNER));
        fixture.given(requested(), scheduled(), podCreated(), completed(), new PodDeleted(ID, OWNER))
                .when(new RecordPodDeleted(ID))
                .expectNoEvents();
    }

    @Test
    void deletingWithoutASandboxRecordsNothing() {
        fixture.given(requested(), new ExecutionCancelled(ID, OWNER, "stop", OWNER, ExecutionStatus.QUEUED))
                .when(new RecordPodDeleted(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static final String POD = "executor-" + ID;
    private static final List<PodContainerStatus> RUNNING = List.of(new PodContainerStatus("script", "running", null, null));
    private static final List<PodContainerStatus> EXITED_0 = List.of(new PodContainerStatus("script", "terminated",
            "Completed", 0));

    @Test
    void aScheduledPodIsRecordedOnce() {
        fixture.given(requested(), scheduled(), podCreated())
                .when(new RecordPodScheduled(ID, POD, "node-1"))
                .expectEvents(new PodScheduled(ID, OWNER, POD, "node-1"));
        fixture.given(requested(), scheduled(), podCreated(), new PodScheduled(ID, OWNER, POD, "node-1"))
                .when(new RecordPodScheduled(ID, POD, "node-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRunningPodIsRecordedOnce() {
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER))
                .when(new RecordPodRunning(ID, POD, RUNNING))
                .expectEvents(new PodRunning(ID, OWNER, POD, RUNNING));
        fixture.given(requested(), scheduled(), podCreated(), new PodRunning(ID, OWNER, POD, RUNNING))
                .when(new RecordPodRunning(ID, POD, RUNNING))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void podFactsNeedAPod() {
        fixture.given(requested(), scheduled())
                .when(new RecordPodScheduled(ID, POD, "node-1"))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
        fixture.given(requested(), scheduled())
                .when(new RecordPodTerminated(ID, POD, "DeadlineExceeded"))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void schedulingAndRunningAreRefusedOnceTheExecutionEnded() {
        fixture.given(requested(), scheduled(), podCreated(), completed())
                .when(new RecordPodScheduled(ID, POD, "node-1"))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
        fixture.given(requested(), scheduled(), podCreated(), completed())
                .when(new RecordPodRunning(ID, POD, RUNNING))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void eachEndOfThePodIsRecordedAlsoAfterTheExecutionEnded() {
        fixture.given(requested(), scheduled(), podCreated(), completed())
                .when(new RecordPodSucceeded(ID, POD, 0, EXITED_0))
                .expectEvents(new PodSucceeded(ID, OWNER, POD, 0, EXITED_0));
        fixture.given(requested(), scheduled(), podCreated(), new ExecutionStarted(ID, OWNER))
                .when(new RecordPodFailed(ID, POD, 137, "OOMKilled", RUNNING))
                .expectEvents(new PodFailed(ID, OWNER, POD, 137, "OOMKilled", RUNNING));
        fixture.given(requested(), scheduled(), podCreated(),
                        new ExecutionTimedOut(ID, OWNER, ExecutionResult.failure(ErrorType.TIMEOUT, "late")))
                .when(new RecordPodTerminated(ID, POD, "DeadlineExceeded"))
                .expectEvents(new PodTerminated(ID, OWNER, POD, "DeadlineExceeded"));
    }

    @Test
    void aPodEndsOnceWhicheverEndIsReportedNext() {
        fixture.given(requested(), scheduled(), podCreated(), new PodSucceeded(ID, OWNER, POD, 0, EXITED_0))
                .when(new RecordPodTerminated(ID, POD, "Deleted"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(requested(), scheduled(), podCreated(), new PodTerminated(ID, OWNER, POD, "DeadlineExceeded"))
                .when(new RecordPodFailed(ID, POD, 137, "Error", RUNNING))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(requested(), scheduled(), podCreated(), new PodFailed(ID, OWNER, POD, 1, "Error", RUNNING))
                .when(new RecordPodSucceeded(ID, POD, 0, EXITED_0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void podFactsAfterThePodsDeletionAreIgnored() {
        fixture.given(requested(), scheduled(), podCreated(), completed(), new PodDeleted(ID, OWNER))
                .when(new RecordPodSucceeded(ID, POD, 0, EXITED_0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(requested(), scheduled(), podCreated(), new PodDeleted(ID, OWNER))
                .when(new RecordPodScheduled(ID, POD, "node-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}

package io.integr8s.sagas.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.ExpireExecution;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.command.sandbox.api.CreateSandbox;
import io.integr8s.command.sandbox.api.DeleteSandbox;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

class ExecutionSagaTest {

    private static final String ID = "exec-1";
    private static final String OWNER = "user-1";
    private static final ExecutionScheduled SCHEDULED = new ExecutionScheduled(ID, OWNER, "print(1)", "python", "3.11", 5,
            "128Mi", "1000m");
    private static final ExecutionResult OK = new ExecutionResult(0, "1\n", "", false, false,
            ResourceUsage.wallTimeOnly(0.04), null, null);

    private SagaTestFixture<ExecutionSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ExecutionSaga.class);
        fixture.registerResource(new ExecutionSagaProperties(Duration.ofSeconds(10)));
    }

    @Test
    void schedulingCreatesTheSandboxAndADurableDeadline() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ID).publishes(SCHEDULED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new CreateSandbox(ID, "print(1)", "python", "3.11", 5, "128Mi", "1000m"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(15), ExecutionSaga.DEADLINE);
    }

    @Test
    void progressOfTheRunDispatchesNothing() {
        fixture.givenAggregate(ID).published(SCHEDULED)
                .whenAggregate(ID).publishes(new PodCreated(ID, OWNER, "sandbox-" + ID))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void completionDeletesTheSandboxCancelsTheDeadlineAndEnds() {
        fixture.givenAggregate(ID).published(SCHEDULED, new PodCreated(ID, OWNER, "sandbox-" + ID),
                        new ExecutionStarted(ID, OWNER))
                .whenAggregate(ID).publishes(new ExecutionCompleted(ID, OWNER, OK))
                .expectDispatchedCommands(new DeleteSandbox(ID, "completed"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void failureDeletesTheSandboxAndEnds() {
        fixture.givenAggregate(ID).published(SCHEDULED, new ExecutionStarted(ID, OWNER))
                .whenAggregate(ID).publishes(new ExecutionFailed(ID, OWNER,
                        ExecutionResult.failure(ErrorType.RESOURCE_LIMIT, "output limit exceeded")))
                .expectDispatchedCommands(new DeleteSandbox(ID, "failed"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aTimeoutReportedByTheSandboxDeletesItAndEnds() {
        fixture.givenAggregate(ID).published(SCHEDULED, new ExecutionStarted(ID, OWNER))
                .whenAggregate(ID).publishes(new ExecutionTimedOut(ID, OWNER, new ExecutionResult(-1, "", "", false,
                        false, ResourceUsage.wallTimeOnly(5.0), ErrorType.TIMEOUT, "wall-clock limit of 5 s exceeded")))
                .expectDispatchedCommands(new DeleteSandbox(ID, "timed out"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void cancelWhileRunningStopsTheSandboxAndEnds() {
        fixture.givenAggregate(ID).published(SCHEDULED, new PodCreated(ID, OWNER, "sandbox-" + ID),
                        new ExecutionStarted(ID, OWNER))
                .whenAggregate(ID).publishes(new ExecutionCancelled(ID, OWNER, "user asked", OWNER, ExecutionStatus.RUNNING))
                .expectDispatchedCommands(new DeleteSandbox(ID, "cancelled: user asked"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void whenTheDeadlinePassesWithoutResultTheExecutionIsExpired() {
        fixture.givenAggregate(ID).published(SCHEDULED, new ExecutionStarted(ID, OWNER))
                .whenTimeElapses(Duration.ofSeconds(16))
                .expectDeadlinesMet(ID)
                .expectDispatchedCommands(new ExpireExecution(ID,
                        "No result from the sandbox within 15 s (the time limit plus a grace period); the run was stopped"));
    }

    @Test
    void theDeadlineDoesNotFireBeforeItsTime() {
        fixture.givenAggregate(ID).published(SCHEDULED)
                .whenTimeElapses(Duration.ofSeconds(14))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void theExpiryEndsTheSagaThroughTheTimedOutEvent() throws Exception {
        fixture.givenAggregate(ID).published(SCHEDULED)
                .andThenTimeElapses(Duration.ofSeconds(16))
                .whenAggregate(ID).publishes(new ExecutionTimedOut(ID, OWNER, new ExecutionResult(-1, "", "", false,
                        false, null, ErrorType.TIMEOUT, "No result from the sandbox within 15 s")))
                .expectDispatchedCommands(new DeleteSandbox(ID, "timed out"))
                .expectActiveSagas(0);
    }

    @Test
    void theSandboxAndTheDeadlineFollowTheLimitsTheExecutionWasRequestedWith() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ID).publishes(new ExecutionScheduled(ID, OWNER, "print(1)", "python", "3.11", 60, "32Mi",
                        "250m"))
                .expectDispatchedCommands(new CreateSandbox(ID, "print(1)", "python", "3.11", 60, "32Mi", "250m"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(70), ExecutionSaga.DEADLINE);
    }

    @Test
    void anExecutionScheduledBeforeLimitsWereRecordedLeavesThemToTheBackend() throws Exception {
        ExecutionScheduled stored = new ObjectMapper().readValue("""
                {"executionId":"exec-1","ownerId":"user-1","script":"print(1)","lang":"python","langVersion":"3.11",
                 "timeoutSeconds":5}""", ExecutionScheduled.class);

        fixture.givenNoPriorActivity()
                .whenAggregate(ID).publishes(stored)
                .expectDispatchedCommands(new CreateSandbox(ID, "print(1)", "python", "3.11", 5, null, null));
    }
}

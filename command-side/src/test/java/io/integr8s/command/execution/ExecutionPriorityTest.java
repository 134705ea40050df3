package io.integr8s.command.execution;

import io.integr8s.command.execution.api.ChangeExecutionPriority;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionPriorityChanged;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionRuleViolation;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.Priority;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/** An admin re-prioritises an execution only while it waits for admission. */
class ExecutionPriorityTest {

    private static final String ID = "exec-1";
    private static final String OWNER = "user-1";

    private AggregateTestFixture<Execution> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Execution.class);
    }

    private static ExecutionRequested requested() {
        return new ExecutionRequested(ID, OWNER, "print(1)", "python", "3.11", Priority.NORMAL, 5, "256Mi", "500m",
                Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void aQueuedExecutionChangesPriorityRecordingTheOneBefore() {
        fixture.given(requested())
                .when(new ChangeExecutionPriority(ID, Priority.HIGH, "admin-1"))
                .expectEvents(new ExecutionPriorityChanged(ID, OWNER, Priority.NORMAL, Priority.HIGH, "admin-1"));
    }

    @Test
    void theNextChangeStartsFromTheLastOne() {
        fixture.given(requested(), new ExecutionPriorityChanged(ID, OWNER, Priority.NORMAL, Priority.HIGH, "admin-1"))
                .when(new ChangeExecutionPriority(ID, Priority.LOW, "admin-2"))
                .expectEvents(new ExecutionPriorityChanged(ID, OWNER, Priority.HIGH, Priority.LOW, "admin-2"));
    }

    @Test
    void settingThePriorityItAlreadyHasRecordsNothing() {
        fixture.given(requested())
                .when(new ChangeExecutionPriority(ID, Priority.NORMAL, "admin-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAdmittedExecutionNoLongerChangesPriority() {
        fixture.given(requested(), new ExecutionScheduled(ID, OWNER, "print(1)", "python", "3.11", 5, "256Mi", "500m"))
                .when(new ChangeExecutionPriority(ID, Priority.CRITICAL, "admin-1"))
                .expectException(ExecutionRuleViolation.class)
                .expectExceptionMessage("Cannot change the priority of execution 'exec-1' while it is 'scheduled': "
                        + "only a queued execution waits for admission; submit a new one to run it again");
    }

    @Test
    void anEndedExecutionNoLongerChangesPriority() {
        fixture.given(requested(), new ExecutionCancelled(ID, OWNER, "no longer needed", OWNER, ExecutionStatus.QUEUED))
                .when(new ChangeExecutionPriority(ID, Priority.HIGH, "admin-1"))
                .expectException(ExecutionRuleViolation.class)
                .expectNoEvents();
    }
}

package io.integr8s.api.metrics;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionTimelineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ExecutionTimeline.Stage at(long millis, Object payload) {
        return new ExecutionTimeline.Stage(payload, T0.plusMillis(millis));
    }

    private static ExecutionRequested requested() {
        return new ExecutionRequested("e-1", "u-1", "print(1)", "ruby", "3.1", Priority.NORMAL, 5, "128Mi", "1", T0);
    }

    @Test
    void aRunThatReachedEveryStageHasEveryPhaseTheSandboxStartAndItsFailure() {
        List<ExecutionTimeline.Stage> stored = List.of(at(0, requested()),
                at(100, new ExecutionScheduled("e-1", "u-1", "print(1)", "ruby", "3.1", 5, "128Mi", "1")),
                at(150, new PodCreated("e-1", "u-1", "sandbox-e-1")),
                at(400, new ExecutionStarted("e-1", "u-1")));
        ExecutionFailed failed = new ExecutionFailed("e-1", "u-1", new ExecutionResult(null, "", "", true, false, null,
                ErrorType.RESOURCE_LIMIT, "output limit exceeded"));

        ExecutionTimeline run = ExecutionTimeline.of(stored, failed, T0.plusMillis(1400));

        assertThat(run.lang()).isEqualTo("ruby");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.errorType()).isEqualTo("resource_limit");
        assertThat(run.queuedToScheduled()).contains(Duration.ofMillis(100));
        assertThat(run.scheduledToRunning()).contains(Duration.ofMillis(300));
        assertThat(run.runningToTerminal()).contains(Duration.ofMillis(1000));
        assertThat(run.submitToTerminal()).contains(Duration.ofMillis(1400));
        assertThat(run.sandboxStart()).contains(Duration.ofMillis(250));
        assertThat(run.stdoutTruncated()).isTrue();
        assertThat(run.stderrTruncated()).isFalse();
    }

    @Test
    void aRunCancelledWhileQueuedHasOnlyItsTotalAndNoErrorType() {
        ExecutionCancelled cancelled = new ExecutionCancelled("e-1", "u-1", "not needed", "u-1", ExecutionStatus.QUEUED);

        ExecutionTimeline run = ExecutionTimeline.of(List.of(at(0, requested())), cancelled, T0.plusSeconds(2));

        assertThat(run.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(run.errorType()).isEqualTo(ExecutionTimeline.NO_ERROR);
        assertThat(run.submitToTerminal()).contains(Duration.ofSeconds(2));
        assertThat(run.queuedToScheduled()).isEmpty();
        assertThat(run.scheduledToRunning()).isEmpty();
        assertThat(run.runningToTerminal()).isEmpty();
        assertThat(run.sandboxStart()).isEmpty();
    }
}

package io.integr8s.api.stream;

import io.integr8s.api.execution.ExecutionResultResponse;
import io.integr8s.api.execution.ResourceUsageResponse;
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
import io.integr8s.command.execution.api.Priority;

import java.time.Instant;
import java.util.List;

/** An execution's state folded from its events, for the streams that replay and follow them. */
public final class ExecutionStory {

    private final String executionId;
    private ExecutionStatus status;
    private String lang;
    private String langVersion;
    private Priority priority;
    private Instant createdAt;
    private Instant finishedAt;
    private ExecutionResult result;
    private String cancelReason;

    ExecutionStory(String executionId) {
        this.executionId = executionId;
    }

    public static ExecutionStory of(String executionId, List<ExecutionEventEnvelope> events) {
        ExecutionStory story = new ExecutionStory(executionId);
        events.forEach(story::apply);
        return story;
    }

    void apply(ExecutionEventEnvelope event) {
        Object payload = event.payload();
        if (payload instanceof ExecutionRequested requested) {
            status = ExecutionStatus.QUEUED;
            lang = requested.lang();
            langVersion = requested.langVersion();
            priority = requested.priority();
            createdAt = event.timestamp();
        } else if (payload instanceof ExecutionPriorityChanged changed) {
            priority = changed.priority();
        } else if (payload instanceof ExecutionScheduled) {
            status = ExecutionStatus.SCHEDULED;
        } else if (payload instanceof ExecutionStarted) {
            status = ExecutionStatus.RUNNING;
        } else if (payload instanceof ExecutionCompleted completed) {
            end(ExecutionStatus.COMPLETED, completed.result(), event);
        } else if (payload instanceof ExecutionFailed failed) {
            end(ExecutionStatus.FAILED, failed.result(), event);
        } else if (payload instanceof ExecutionTimedOut timedOut) {
            end(ExecutionStatus.TIMEOUT, timedOut.result(), event);
        } else if (payload instanceof ExecutionCancelled cancelled) {
            cancelReason = cancelled.reason();
            end(ExecutionStatus.CANCELLED, null, event);
        }
    }

    private void end(ExecutionStatus endStatus, ExecutionResult endResult, ExecutionEventEnvelope event) {
        status = endStatus;
        result = endResult;
        finishedAt = event.timestamp();
    }

    public ExecutionStatus status() {
        return status;
    }

    public boolean hasEnded() {
        return status != null && status.isTerminal();
    }

    public ExecutionResultResponse resultResponse() {
        boolean hasResult = result != null;
        return new ExecutionResultResponse(executionId, status,
                hasResult ? result.stdout() : "",
                hasResult ? result.stderr() : "",
                lang, langVersion,
                hasResult ? ResourceUsageResponse.from(result.resourceUsage()) : null,
                hasResult ? result.exitCode() : null,
                hasResult ? result.errorType() : null,
                priority,
                hasResult && result.stdoutTruncated(),
                hasResult && result.stderrTruncated(),
                hasResult ? result.message() : cancelReason,
                createdAt, finishedAt);
    }
}

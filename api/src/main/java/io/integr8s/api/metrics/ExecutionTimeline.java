package io.integr8s.api.metrics;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionEnded;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.PodCreated;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What an ended execution's metrics are made of: its language, how it ended and when it reached each stage.
 * Stages it never reached (a run cancelled while queued was never scheduled) are null.
 */
record ExecutionTimeline(String lang, ExecutionStatus status, String errorType, Instant requested, Instant scheduled,
                         Instant sandboxCreated, Instant started, Instant ended, boolean stdoutTruncated,
                         boolean stderrTruncated) {

    static final String UNKNOWN_LANG = "unknown";
    static final String NO_ERROR = "none";

    /** A stored event of the execution with the time it was recorded. */
    record Stage(Object payload, Instant at) {
    }

    static ExecutionTimeline of(Iterable<Stage> stored, ExecutionEnded end, Instant endedAt) {
        String lang = UNKNOWN_LANG;
        Instant requested = null;
        Instant scheduled = null;
        Instant created = null;
        Instant started = null;
        for (Stage stage : stored) {
            Object payload = stage.payload();
            if (payload instanceof ExecutionRequested request) {
                lang = request.lang();
                requested = stage.at();
            } else if (payload instanceof ExecutionScheduled) {
                scheduled = first(scheduled, stage.at());
            } else if (payload instanceof PodCreated) {
                created = first(created, stage.at());
            } else if (payload instanceof ExecutionStarted) {
                started = first(started, stage.at());
            }
        }
        Optional<ExecutionResult> result = resultOf(end);
        return new ExecutionTimeline(lang, statusOf(end),
                result.map(ExecutionResult::errorType).map(ErrorType::wireName).orElse(NO_ERROR),
                requested, scheduled, created, started, endedAt,
                result.map(ExecutionResult::stdoutTruncated).orElse(false),
                result.map(ExecutionResult::stderrTruncated).orElse(false));
    }

    Optional<Duration> queuedToScheduled() {
        return between(requested, scheduled);
    }

    Optional<Duration> scheduledToRunning() {
        return between(scheduled, started);
    }

    Optional<Duration> runningToTerminal() {
        return between(started, ended);
    }

    Optional<Duration> submitToTerminal() {
        return between(requested, ended);
    }

    /** From the sandbox (process or pod) being created to the script running in it. */
    Optional<Duration> sandboxStart() {
        return between(sandboxCreated, started);
    }

    private static Optional<Duration> between(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from) ? Optional.empty() : Optional.of(Duration.between(from, to));
    }

    private static Instant first(Instant seen, Instant at) {
        return seen == null ? at : seen;
    }

    private static ExecutionStatus statusOf(ExecutionEnded end) {
        if (end instanceof ExecutionCompleted) {
            return ExecutionStatus.COMPLETED;
        }
        if (end instanceof ExecutionFailed) {
            return ExecutionStatus.FAILED;
        }
        return end instanceof ExecutionTimedOut ? ExecutionStatus.TIMEOUT : ExecutionStatus.CANCELLED;
    }

    private static Optional<ExecutionResult> resultOf(ExecutionEnded end) {
        if (end instanceof ExecutionCompleted completed) {
            return Optional.ofNullable(completed.result());
        }
        if (end instanceof ExecutionFailed failed) {
            return Optional.ofNullable(failed.result());
        }
        return end instanceof ExecutionTimedOut timedOut ? Optional.ofNullable(timedOut.result()) : Optional.empty();
    }
}

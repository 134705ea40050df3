package io.integr8s.api.notification;

import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionEnded;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.settings.api.NotificationPreferences;

import java.util.List;

/**
 * What a user is told about the end of their execution. A clean completion is {@code low}, a non-zero exit
 * {@code medium}, a cancellation {@code medium}, a failure or a timeout {@code high}. Completions follow the
 * {@code execution_completed} preference; failures, timeouts and cancellations (no result either way) follow
 * {@code execution_failed}.
 */
record ExecutionOutcomeNotice(String executionId, String ownerId, String status, String subject, String body,
                              NotificationSeverity severity, List<String> tags) {

    static ExecutionOutcomeNotice of(ExecutionEnded ended, String lang) {
        String run = "Your " + lang + " execution " + ended.executionId();
        if (ended instanceof ExecutionCompleted completed) {
            return completed(completed, run, lang);
        }
        if (ended instanceof ExecutionFailed failed) {
            return notice(failed, lang, "failed", "Execution failed", run + " failed: " + reason(failed.result()),
                    NotificationSeverity.HIGH);
        }
        if (ended instanceof ExecutionTimedOut timedOut) {
            return notice(timedOut, lang, "timeout", "Execution timed out",
                    run + " was stopped at its time limit: " + reason(timedOut.result()), NotificationSeverity.HIGH);
        }
        ExecutionCancelled cancelled = (ExecutionCancelled) ended;
        return notice(cancelled, lang, "cancelled", "Execution cancelled",
                run + " was cancelled" + (cancelled.reason() == null ? "." : ": " + cancelled.reason()),
                NotificationSeverity.MEDIUM);
    }

    boolean wanted(NotificationPreferences preferences) {
        return "completed".equals(status) ? preferences.executionCompleted() : preferences.executionFailed();
    }

    String actionUrl() {
        return "/executions/" + executionId;
    }

    private static ExecutionOutcomeNotice completed(ExecutionCompleted completed, String run, String lang) {
        Integer exitCode = completed.result().exitCode();
        boolean clean = exitCode != null && exitCode == 0;
        return notice(completed, lang, "completed", clean ? "Execution completed" : "Execution completed with errors",
                run + " completed with exit code " + exitCode + ".",
                clean ? NotificationSeverity.LOW : NotificationSeverity.MEDIUM);
    }

    private static ExecutionOutcomeNotice notice(ExecutionEnded ended, String lang, String status, String subject,
                                                 String body, NotificationSeverity severity) {
        return new ExecutionOutcomeNotice(ended.executionId(), ended.ownerId(), status, subject, body, severity,
                List.of("execution", "execution:" + ended.executionId(), "lang:" + lang, status));
    }

    private static String reason(ExecutionResult result) {
        return result.message() != null ? result.message()
                : result.errorType() != null ? result.errorType().wireName() : "no reason was recorded";
    }
}

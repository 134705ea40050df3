package io.integr8s.executor;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;

/** How a sandbox run ended, ready to be reported with {@code RecordExecutionFinished}. */
public record SandboxResult(Outcome outcome, ExecutionResult result) {

    public static SandboxResult systemError(String message) {
        return new SandboxResult(Outcome.FAILED, ExecutionResult.failure(ErrorType.SYSTEM_ERROR, message));
    }
}

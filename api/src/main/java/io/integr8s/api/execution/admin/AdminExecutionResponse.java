package io.integr8s.api.execution.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.projections.execution.ExecutionView;

import java.time.Instant;

/** The contract's {@code AdminExecutionResponse}: an execution with its owner and priority, for admins. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record AdminExecutionResponse(String executionId,
                              String script,
                              ExecutionStatus status,
                              String lang,
                              String langVersion,
                              String stdout,
                              String stderr,
                              Integer exitCode,
                              ErrorType errorType,
                              Priority priority,
                              String userId,
                              Instant createdAt,
                              Instant updatedAt) {

    static AdminExecutionResponse of(ExecutionView view) {
        return new AdminExecutionResponse(view.executionId(), view.script(), view.status(), view.lang(),
                view.langVersion(), view.stdout(), view.stderr(), view.exitCode(), view.errorType(), view.priority(),
                view.ownerId(), view.createdAt(), view.updatedAt());
    }

    AdminExecutionResponse withPriority(Priority newPriority) {
        return new AdminExecutionResponse(executionId, script, status, lang, langVersion, stdout, stderr, exitCode,
                errorType, newPriority, userId, createdAt, updatedAt);
    }
}

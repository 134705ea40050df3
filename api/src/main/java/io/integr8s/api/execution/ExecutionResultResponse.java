package io.integr8s.api.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.Priority;

import java.time.Instant;

/** The contract's {@code ExecutionResult}, plus fields we add (truncation flags, the failure message, times). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExecutionResultResponse(String executionId,
                                      ExecutionStatus status,
                                      String stdout,
                                      String stderr,
                                      String lang,
                                      String langVersion,
                                      ResourceUsageResponse resourceUsage,
                                      Integer exitCode,
                                      ErrorType errorType,
                                      Priority priority,
                                      boolean stdoutTruncated,
                                      boolean stderrTruncated,
                                      String message,
                                      Instant createdAt,
                                      Instant finishedAt) {
}

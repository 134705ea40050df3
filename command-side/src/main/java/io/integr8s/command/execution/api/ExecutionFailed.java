package io.integr8s.command.execution.api;

public record ExecutionFailed(String executionId, String ownerId, ExecutionResult result) implements ExecutionEnded {
}

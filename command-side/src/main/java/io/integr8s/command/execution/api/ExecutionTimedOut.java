package io.integr8s.command.execution.api;

public record ExecutionTimedOut(String executionId, String ownerId, ExecutionResult result) implements ExecutionEnded {
}

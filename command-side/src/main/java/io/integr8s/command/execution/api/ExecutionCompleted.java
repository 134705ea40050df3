package io.integr8s.command.execution.api;

public record ExecutionCompleted(String executionId, String ownerId, ExecutionResult result) implements ExecutionEnded {
}

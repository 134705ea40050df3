package io.integr8s.command.execution.api;

public record ExecutionStarted(String executionId, String ownerId) {
}

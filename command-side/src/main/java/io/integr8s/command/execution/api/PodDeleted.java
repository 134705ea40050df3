package io.integr8s.command.execution.api;

public record PodDeleted(String executionId, String ownerId) {
}

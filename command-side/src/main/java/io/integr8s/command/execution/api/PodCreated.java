package io.integr8s.command.execution.api;

public record PodCreated(String executionId, String ownerId, String podName) {
}

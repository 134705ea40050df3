package io.integr8s.command.execution.api;

public record PodTerminated(String executionId, String ownerId, String podName, String reason) {
}

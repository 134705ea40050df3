package io.integr8s.command.execution.api;

public record PodScheduled(String executionId, String ownerId, String podName, String nodeName) {
}

package io.integr8s.command.execution.api;

import java.util.List;

public record PodRunning(String executionId, String ownerId, String podName, List<PodContainerStatus> containerStatuses) {
}

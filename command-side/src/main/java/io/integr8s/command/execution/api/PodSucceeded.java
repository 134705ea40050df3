package io.integr8s.command.execution.api;

import java.util.List;

public record PodSucceeded(String executionId, String ownerId, String podName, Integer exitCode,
                           List<PodContainerStatus> containerStatuses) {
}

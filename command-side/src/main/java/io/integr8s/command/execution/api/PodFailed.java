package io.integr8s.command.execution.api;

import java.util.List;

public record PodFailed(String executionId, String ownerId, String podName, Integer exitCode, String reason,
                        List<PodContainerStatus> containerStatuses) {
}

package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The execution's pod ended in phase {@code Failed} because its container failed (non-zero exit, OOMKilled). */
public record RecordPodFailed(@TargetAggregateIdentifier String executionId, String podName, Integer exitCode,
                              String reason, List<PodContainerStatus> containerStatuses) {
}

package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The execution's pod started its container. */
public record RecordPodRunning(@TargetAggregateIdentifier String executionId, String podName,
                               List<PodContainerStatus> containerStatuses) {
}

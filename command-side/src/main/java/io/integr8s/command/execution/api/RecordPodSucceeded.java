package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The execution's pod ended in phase {@code Succeeded}: its container exited 0. */
public record RecordPodSucceeded(@TargetAggregateIdentifier String executionId, String podName, Integer exitCode,
                                 List<PodContainerStatus> containerStatuses) {
}

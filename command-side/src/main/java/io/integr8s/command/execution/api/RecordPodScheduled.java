package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The execution's pod was bound to a node. */
public record RecordPodScheduled(@TargetAggregateIdentifier String executionId, String podName, String nodeName) {
}

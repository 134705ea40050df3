package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The execution's pod was ended by the cluster, not by its script: its deadline passed ({@code DeadlineExceeded}), it
 * was evicted, it could not start (image pull failures), or it vanished without an end.
 */
public record RecordPodTerminated(@TargetAggregateIdentifier String executionId, String podName, String reason) {
}

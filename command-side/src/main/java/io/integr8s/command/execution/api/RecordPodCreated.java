package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The executor claims the right to run this execution in the named sandbox; granted once only. */
public record RecordPodCreated(@TargetAggregateIdentifier String executionId, String podName) {
}

package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordPodDeleted(@TargetAggregateIdentifier String executionId) {
}

package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelExecution(@TargetAggregateIdentifier String executionId, String reason, String requestedBy) {
}

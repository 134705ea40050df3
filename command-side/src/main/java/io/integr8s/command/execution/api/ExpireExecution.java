package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The saga's durable deadline passed without a result from the executor. */
public record ExpireExecution(@TargetAggregateIdentifier String executionId, String reason) {
}

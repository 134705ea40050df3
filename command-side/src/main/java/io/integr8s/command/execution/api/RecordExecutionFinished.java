package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordExecutionFinished(@TargetAggregateIdentifier String executionId,
                                      Outcome outcome,
                                      ExecutionResult result) {
}

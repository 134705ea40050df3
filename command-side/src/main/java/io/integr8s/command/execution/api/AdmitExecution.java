package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AdmitExecution(@TargetAggregateIdentifier String executionId) {
}

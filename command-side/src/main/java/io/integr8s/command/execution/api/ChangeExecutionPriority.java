package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin moves a waiting execution up or down the admission queue; refused once it left the queue. */
public record ChangeExecutionPriority(@TargetAggregateIdentifier String executionId, Priority priority,
                                      String changedBy) {
}

package io.integr8s.command.execution.api;

/** A waiting execution's admission priority changed; the coordinator re-orders its queue. */
public record ExecutionPriorityChanged(String executionId, String ownerId, Priority previousPriority,
                                       Priority priority, String changedBy) {
}

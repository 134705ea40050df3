package io.integr8s.command.execution.api;

public record ExecutionCancelled(String executionId, String ownerId, String reason, String cancelledBy,
                                 ExecutionStatus previousStatus) implements ExecutionEnded {
}

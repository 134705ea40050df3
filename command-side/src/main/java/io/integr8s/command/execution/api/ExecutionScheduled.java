package io.integr8s.command.execution.api;

/**
 * Admitted by the coordinator; carries what the saga needs to create the sandbox. {@code memoryLimit} and
 * {@code cpuLimit} are null for executions requested before they were recorded (the executor's limits apply).
 */
public record ExecutionScheduled(String executionId,
                                 String ownerId,
                                 String script,
                                 String lang,
                                 String langVersion,
                                 int timeoutSeconds,
                                 String memoryLimit,
                                 String cpuLimit) {
}

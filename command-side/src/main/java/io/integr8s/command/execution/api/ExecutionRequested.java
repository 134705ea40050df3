package io.integr8s.command.execution.api;

import java.time.Instant;

/**
 * A run was requested with the limits decided at submission. {@code memoryLimit} and {@code cpuLimit} are null in
 * events stored before they were recorded: then the executor's configured limits apply.
 */
public record ExecutionRequested(String executionId,
                                 String ownerId,
                                 String script,
                                 String lang,
                                 String langVersion,
                                 Priority priority,
                                 int timeoutSeconds,
                                 String memoryLimit,
                                 String cpuLimit,
                                 Instant requestedAt) {
}

package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Asks for a run under the limits in force when it was submitted.
 *
 * @param memoryLimit and {@code cpuLimit}: Kubernetes quantities ({@code 512Mi}, {@code 2000m}) of the system settings
 */
public record RequestExecution(@TargetAggregateIdentifier String executionId,
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

package io.integr8s.command.execution.api;

import java.time.Instant;

public record ExecutionRequested(String executionId,
                                 String ownerId,
                                 String script,
                                 String lang,
                                 String langVersion,
                                 Priority priority,
                                 int timeoutSeconds,
                                 Instant requestedAt) {
}

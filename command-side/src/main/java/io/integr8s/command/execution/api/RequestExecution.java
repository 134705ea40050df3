package io.integr8s.command.execution.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RequestExecution(@TargetAggregateIdentifier String executionId,
                               String ownerId,
                               String script,
                               String lang,
                               String langVersion,
                               Priority priority,
                               int timeoutSeconds,
                               Instant requestedAt) {
}

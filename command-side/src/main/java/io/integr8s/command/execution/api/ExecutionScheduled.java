package io.integr8s.command.execution.api;

/** Admitted by the coordinator; carries what the saga needs to create the sandbox. */
public record ExecutionScheduled(String executionId,
                                 String ownerId,
                                 String script,
                                 String lang,
                                 String langVersion,
                                 int timeoutSeconds) {
}

package io.integr8s.command.sandbox.api;

/** Asks the execution backend to stop and remove an execution's sandbox, if one exists. Idempotent. */
public record DeleteSandbox(String executionId, String reason) {
}

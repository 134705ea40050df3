package io.integr8s.command.sandbox.api;

/** Asks the execution backend to run a script in a fresh sandbox. Idempotent per execution id. */
public record CreateSandbox(String executionId, String script, String lang, String langVersion, int timeoutSeconds) {
}

package io.integr8s.command.sandbox.api;

/**
 * Asks the execution backend to run a script in a fresh sandbox. Idempotent per execution id.
 *
 * @param memoryLimit and {@code cpuLimit}: Kubernetes quantities of this run; null = the backend's configured limits
 */
public record CreateSandbox(String executionId, String script, String lang, String langVersion, int timeoutSeconds,
                            String memoryLimit, String cpuLimit) {
}

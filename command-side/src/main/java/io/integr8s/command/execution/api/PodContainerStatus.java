package io.integr8s.command.execution.api;

/**
 * One container of a pod as Kubernetes reported it: {@code state} is {@code waiting}, {@code running} or
 * {@code terminated}; {@code reason} and {@code exitCode} are set when Kubernetes gave them.
 */
public record PodContainerStatus(String name, String state, String reason, Integer exitCode) {
}

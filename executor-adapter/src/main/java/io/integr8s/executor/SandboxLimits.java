package io.integr8s.executor;

/**
 * The limits every sandbox of this backend runs under, as the API shows them ({@code GET /k8s-limits}).
 *
 * @param memoryBytes memory of one run, swap included
 * @param cpus        CPU quota in cores
 * @param processes   processes and threads of one run together
 */
public record SandboxLimits(long memoryBytes, double cpus, int processes) {
}

package io.integr8s.executor;

import io.integr8s.command.system.api.ResourceQuantity;

/**
 * The limits decided for one run at its submission (the system settings then in force). A null part leaves that
 * limit to the backend's configuration: so it is for executions requested before the limits were recorded.
 *
 * @param memoryBytes memory of the run, swap included
 * @param cpus        CPU quota in cores
 */
public record RunLimits(Long memoryBytes, Double cpus) {

    /** Every limit as the backend is configured. */
    public static final RunLimits CONFIGURED = new RunLimits(null, null);

    /** From the Kubernetes quantities a {@code CreateSandbox} carries ({@code 512Mi}, {@code 2000m}); null = configured. */
    public static RunLimits of(String memoryLimit, String cpuLimit) {
        return new RunLimits(memoryLimit == null ? null : ResourceQuantity.parse(memoryLimit).longValue(),
                cpuLimit == null ? null : ResourceQuantity.parse(cpuLimit).doubleValue());
    }
}

package io.integr8s.api.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a run is guaranteed, shown on {@code GET /k8s-limits}. Its limits (time, CPU, memory) are the system settings'
 * ({@code integr8s.system-settings.*}, which take {@code integr8s.execution.timeout-seconds} as their default).
 *
 * @param cpuRequest    what a run is guaranteed, in Kubernetes notation (the local sandbox reserves nothing)
 * @param memoryRequest likewise for memory
 */
@ConfigurationProperties(prefix = "integr8s.execution")
public record ExecutionLimitsProperties(@DefaultValue("100m") String cpuRequest,
                                        @DefaultValue("64Mi") String memoryRequest) {
}

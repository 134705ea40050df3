package io.integr8s.api.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-execution settings of the API. The enforced CPU and memory limits come from the execution backend itself.
 *
 * @param timeoutSeconds wall-clock limit of one run
 * @param cpuRequest     what a run is guaranteed, in Kubernetes notation (the local sandbox reserves nothing)
 * @param memoryRequest  likewise for memory
 */
@ConfigurationProperties(prefix = "integr8s.execution")
public record ExecutionLimitsProperties(@DefaultValue("5") int timeoutSeconds,
                                        @DefaultValue("100m") String cpuRequest,
                                        @DefaultValue("64Mi") String memoryRequest) {
}

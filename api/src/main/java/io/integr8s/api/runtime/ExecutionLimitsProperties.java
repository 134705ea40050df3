package io.integr8s.api.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits every execution runs under, as shown to clients on {@code GET /k8s-limits}.
 *
 * @param timeoutSeconds wall-clock limit of one run
 */
@ConfigurationProperties(prefix = "integr8s.execution")
public record ExecutionLimitsProperties(@DefaultValue("5") int timeoutSeconds,
                                        @DefaultValue("1000m") String cpuLimit,
                                        @DefaultValue("128Mi") String memoryLimit,
                                        @DefaultValue("100m") String cpuRequest,
                                        @DefaultValue("64Mi") String memoryRequest) {
}

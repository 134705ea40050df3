package io.integr8s.api.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** @param processorLagRefresh how often the token lag gauges are recomputed */
@ConfigurationProperties(prefix = "integr8s.metrics")
public record MetricsProperties(Duration processorLagRefresh) {

    public MetricsProperties {
        processorLagRefresh = processorLagRefresh == null ? Duration.ofSeconds(5) : processorLagRefresh;
    }
}

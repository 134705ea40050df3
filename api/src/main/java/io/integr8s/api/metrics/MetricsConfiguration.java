package io.integr8s.api.metrics;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /** Counting an ended run must never fail the command that ended it: log instead of propagating. */
    @Bean
    ConfigurerModule executionMetricsNeverFailTheirCommand() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                ExecutionMetrics.PROCESSING_GROUP, c -> new LoggingErrorHandler());
    }
}

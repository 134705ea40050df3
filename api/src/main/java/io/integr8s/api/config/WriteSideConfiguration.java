package io.integr8s.api.config;

import io.integr8s.command.execution.Execution;
import io.integr8s.command.system.SystemSettings;
import io.integr8s.command.user.User;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the command-side aggregates (they carry no Spring annotations: command-side depends on Axon only) and
 * makes event handler failures visible to their processor, which then retries with back-off instead of skipping.
 */
@Configuration(proxyBeanMethods = false)
public class WriteSideConfiguration {

    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer.configureAggregate(Execution.class).configureAggregate(User.class)
                .configureAggregate(SystemSettings.class);
    }

    @Bean
    ConfigurerModule failingHandlersAreRetried() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}

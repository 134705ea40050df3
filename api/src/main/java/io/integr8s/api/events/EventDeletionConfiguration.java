package io.integr8s.api.events;

import io.integr8s.command.eventdeletion.StoredEventTombstone;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code StoredEventTombstone} aggregate (command-side aggregates carry no Spring annotations). */
@Configuration(proxyBeanMethods = false)
class EventDeletionConfiguration {

    @Bean
    ConfigurerModule storedEventTombstoneAggregate() {
        return configurer -> configurer.configureAggregate(StoredEventTombstone.class);
    }
}

package io.integr8s.api.settings;

import io.integr8s.command.settings.UserSettings;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code UserSettings} aggregate, snapshotted every {@code integr8s.user-settings.snapshot-threshold} events. */
@Configuration(proxyBeanMethods = false)
class UserSettingsConfiguration {

    @Bean
    ConfigurerModule userSettingsAggregate(UserSettingsProperties properties) {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(UserSettings.class)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(snapshotter(c),
                        properties.snapshotThreshold())));
    }

    /**
     * A snapshotter of its own: Spring's default one knows only aggregates that are Spring beans, and command-side
     * aggregates are not. It runs in the thread that committed the change, after the commit.
     */
    private static Snapshotter snapshotter(org.axonframework.config.Configuration configuration) {
        return AggregateSnapshotter.builder()
                .eventStore(configuration.eventStore())
                .aggregateFactories(new GenericAggregateFactory<>(UserSettings.class))
                .transactionManager(configuration.getComponent(TransactionManager.class))
                .build();
    }
}

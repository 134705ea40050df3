package io.integr8s.api.notification;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;

/**
 * The {@value NotificationRecorder#PROCESSING_GROUP} processor starts at the head of the event store the first time it
 * runs: a system that gains notifications (or a store that was restored) must not notify users about every execution
 * that ever ended. A reset replays from the start as analysts expect (as history: nothing is sent, see ADR 0009).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class NotificationProcessorConfiguration {

    @Bean
    ConfigurerModule notificationsProcessorStartsAtTheHead() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessor(
                NotificationRecorder.PROCESSING_GROUP, Configuration::eventStore,
                axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}

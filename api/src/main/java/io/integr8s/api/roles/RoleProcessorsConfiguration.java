package io.integr8s.api.roles;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.TreeSet;

/**
 * Stops, right after Axon started them, the event processors of roles this instance does not have: their tokens
 * stay unclaimed for the instances that have the role. A step one of them had begun rolls back (the saga's sandbox
 * command finds no handler here), so the instance that owns the role does it.
 */
@Configuration(proxyBeanMethods = false)
public class RoleProcessorsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoleProcessorsConfiguration.class);

    @Bean
    ConfigurerModule processorsOfOtherRolesStop(InstanceRoles roles) {
        log.info("Roles of this instance: {}", roles.held());
        return configurer -> configurer.onInitialize(axon -> axon.onStart(Phase.INBOUND_EVENT_CONNECTORS + 1,
                () -> stopProcessorsOfOtherRoles(axon.eventProcessingConfiguration(), roles)));
    }

    private static void stopProcessorsOfOtherRoles(EventProcessingConfiguration processing, InstanceRoles roles) {
        TreeSet<String> stopped = new TreeSet<>();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            if (!roles.runsProcessor(entry.getKey())) {
                entry.getValue().shutDown();
                stopped.add(entry.getKey());
            }
        }
        if (!stopped.isEmpty()) {
            log.info("Event processors stopped (their role is not in integr8s.roles): {}", stopped);
        }
    }
}

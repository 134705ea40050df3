package io.integr8s.api.health;

import io.integr8s.api.rebuild.HaltedProcessors;
import io.integr8s.api.roles.InstanceRoles;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;

/**
 * Ready only when every event processor of this instance's roles runs and none is stuck in error (retrying a failing
 * event); the processors of other roles are stopped on purpose and not looked at, and so are those halted for a
 * projection rebuild's switch or a reset (ADR 0010).
 */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final InstanceRoles roles;
    private final HaltedProcessors halted;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, InstanceRoles roles,
                                          HaltedProcessors halted) {
        this.processing = processing;
        this.roles = roles;
        this.halted = halted;
    }

    @Override
    public Health health() {
        Map<String, String> states = new TreeMap<>();
        boolean allUp = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            if (!roles.runsProcessor(entry.getKey())) {
                continue;
            }
            if (halted.contains(entry.getKey())) {
                states.put(entry.getKey(), "halted (projection rebuild or reset)");
                continue;
            }
            EventProcessor processor = entry.getValue();
            boolean error = processor instanceof StreamingEventProcessor streaming && streaming.isError();
            boolean up = processor.isRunning() && !error;
            allUp &= up;
            states.put(entry.getKey(), error ? "error (retrying)" : processor.isRunning() ? "running" : "stopped");
        }
        return (allUp ? Health.up() : Health.down()).withDetails(states).build();
    }
}

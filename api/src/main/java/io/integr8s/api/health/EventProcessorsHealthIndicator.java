package io.integr8s.api.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;

/** Ready only when every event processor runs and none is stuck in error (retrying a failing event). */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Map<String, String> states = new TreeMap<>();
        boolean allUp = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            boolean error = processor instanceof StreamingEventProcessor streaming && streaming.isError();
            boolean up = processor.isRunning() && !error;
            allUp &= up;
            states.put(entry.getKey(), error ? "error (retrying)" : processor.isRunning() ? "running" : "stopped");
        }
        return (allUp ? Health.up() : Health.down()).withDetails(states).build();
    }
}

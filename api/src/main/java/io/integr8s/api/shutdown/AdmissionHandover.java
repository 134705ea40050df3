package io.integr8s.api.shutdown;

import io.integr8s.sagas.coordinator.Coordinator;
import io.integr8s.sagas.execution.ExecutionSaga;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The first thing Axon-related a shutting-down instance does: it stops admitting and driving executions. Stopping the
 * coordinator's and the saga's processors releases their segments, which another instance claims within its token
 * claim interval; their sandbox commands then go to that instance's executor. What this instance's executor still
 * runs finishes afterwards (the executor's own drain), while the command bus is still up.
 */
@Component
class AdmissionHandover implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AdmissionHandover.class);
    private static final List<String> ADMITTING = List.of(Coordinator.PROCESSING_GROUP, ExecutionSaga.PROCESSOR);

    private final EventProcessingConfiguration processing;
    private volatile boolean running;

    AdmissionHandover(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        for (String name : ADMITTING) {
            processing.eventProcessor(name).filter(EventProcessor::isRunning).ifPresent(processor -> {
                processor.shutDown();
                log.info("Shutting down: event processor {} stopped, its segments are free for other instances", name);
            });
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server stopped ({@code DEFAULT_PHASE - 2048}), before the executor drains and Axon stops. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1024;
    }
}

package io.integr8s.executor.local;

import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Lets this instance's sandboxes finish when it shuts down ({@link LocalExecutionBackend#drain}): after admission was
 * handed over to other instances, before Axon (and with it the command bus that reports the results) stops.
 */
class LocalSandboxDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LocalSandboxDrain.class);

    private final LocalExecutionBackend backend;
    private final Duration grace;
    private volatile boolean running;

    LocalSandboxDrain(LocalExecutionBackend backend, Shutdown shutdown) {
        this.backend = backend;
        this.grace = shutdown.grace();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        int active = backend.activity().active();
        log.info("Shutting down: letting {} running sandbox(es) finish within {}", active, grace);
        try {
            backend.drain(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 512;
    }

    /**
     * {@code integr8s.executor.local.shutdown}.
     *
     * @param grace how long running sandboxes may go on when the instance shuts down; then they are stopped and
     *              reported failed. Keep Kubernetes' {@code terminationGracePeriodSeconds} above it
     */
    @ConfigurationProperties(prefix = "integr8s.executor.local.shutdown")
    record Shutdown(@DefaultValue("30s") Duration grace) {
    }
}

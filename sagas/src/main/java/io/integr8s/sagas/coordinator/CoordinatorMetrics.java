package io.integr8s.sagas.coordinator;

import io.integr8s.command.execution.api.Priority;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToIntBiFunction;

/**
 * Gauges {@code integr8s.coordinator.queue.depth{priority}} (executions waiting for a slot) and
 * {@code integr8s.coordinator.active{priority}} (executions holding one), read from the coordinator's own durable
 * queue: counts of rows, so never negative, and the same on every instance (aggregate them with {@code max}, not
 * {@code sum}). One grouped query serves all gauges of a scrape: the counts are reused for {@link #FRESH_FOR}.
 */
public class CoordinatorMetrics implements MeterBinder {

    static final String QUEUE_DEPTH = "integr8s.coordinator.queue.depth";
    static final String ACTIVE = "integr8s.coordinator.active";
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(CoordinatorMetrics.class);

    private final AdmissionQueue queue;
    private final Clock clock;
    private AdmissionCounts counts = AdmissionCounts.NONE;
    private Instant readAt = Instant.MIN;

    public CoordinatorMetrics(AdmissionQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Priority priority : Priority.values()) {
            gauge(registry, QUEUE_DEPTH, "Executions waiting for a sandbox slot", priority, AdmissionCounts::waiting);
            gauge(registry, ACTIVE, "Executions holding a sandbox slot", priority, AdmissionCounts::admitted);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, Priority priority,
                       ToIntBiFunction<AdmissionCounts, Integer> count) {
        Gauge.builder(name, this, metrics -> count.applyAsInt(metrics.current(), priority.rank()))
                .description(description).tag("priority", priority.wireName()).register(registry);
    }

    private synchronized AdmissionCounts current() {
        Instant now = clock.instant();
        if (now.isAfter(readAt.plus(FRESH_FOR))) {
            try {
                counts = queue.counts();
                readAt = now;
            } catch (RuntimeException e) {
                log.debug("Cannot read the coordinator queue for its gauges; showing the last counts", e);
            }
        }
        return counts;
    }
}

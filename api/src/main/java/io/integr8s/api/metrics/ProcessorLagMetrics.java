package io.integr8s.api.metrics;

import io.integr8s.api.lifecycle.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Gauge {@code integr8s.processor.lag{processor,segment}}: events between the event store's head and the token of
 * each segment this instance owns, recomputed every {@code integr8s.metrics.processor-lag-refresh}. A segment that has
 * handled nothing yet lags by the whole store. Processors fed from Kafka (sse-bridge: offsets, not event-store
 * tokens) are not shown; a segment another instance owns is shown by that instance.
 */
@Component
class ProcessorLagMetrics extends PeriodicTask {

    static final String METER = "integr8s.processor.lag";

    private static final Logger log = LoggerFactory.getLogger(ProcessorLagMetrics.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MultiGauge lag;
    /** Only the refresh thread reads and writes it. */
    private boolean failing;

    ProcessorLagMetrics(EventProcessingConfiguration processing, EventStore eventStore, MetricsProperties properties,
                        MeterRegistry registry) {
        super("processor-lag-metrics", properties.processorLagRefresh());
        this.processing = processing;
        this.eventStore = eventStore;
        this.lag = MultiGauge.builder(METER).description("Events the processor segment is behind the event store head")
                .baseUnit("events").register(registry);
    }

    @Override
    protected void runOnce() {
        try {
            TrackingToken head = eventStore.createHeadToken();
            if (head == null || head.position().isEmpty()) {
                return;
            }
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming) {
                    streaming.processingStatus().forEach((segment, status) -> lagOf(head, status)
                            .ifPresent(events -> rows.add(MultiGauge.Row.of(
                                    Tags.of("processor", name, "segment", Integer.toString(segment)), events))));
                }
            });
            lag.register(rows, true);
            if (failing) {
                failing = false;
                log.info("The event processors' lag is computed again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("Cannot compute the event processors' lag (the gauges keep their last values until it works "
                        + "again; check the event store's database): {}", e.toString(), e);
            }
        }
    }

    /** Empty for a segment whose tokens are not of the event store's kind (Kafka offsets) or have no position. */
    private static OptionalLong lagOf(TrackingToken head, EventTrackerStatus status) {
        long headIndex = head.position().getAsLong();
        TrackingToken token = status.getTrackingToken();
        if (token == null) {
            return OptionalLong.of(headIndex + 1);
        }
        if (WrappedToken.unwrapLowerBound(token).getClass() != head.getClass()) {
            return OptionalLong.empty();
        }
        OptionalLong position = status.getCurrentPosition();
        return position.isPresent() ? OptionalLong.of(Math.max(0, headIndex - position.getAsLong())) : OptionalLong.empty();
    }
}

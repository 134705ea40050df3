package io.integr8s.api.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ProcessorLagMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void eachOwnedSegmentLagsByTheEventsBetweenItsTokenAndTheHeadAndKafkaFedOnesAreLeftOut() {
        EventStore eventStore = mock(EventStore.class);
        when(eventStore.createHeadToken()).thenReturn(new GlobalSequenceTrackingToken(10));
        StreamingEventProcessor projection = processor(Map.of(
                0, status(new GlobalSequenceTrackingToken(7)), 1, status(new GlobalSequenceTrackingToken(10))));
        StreamingEventProcessor fresh = processor(Map.of(0, status(null)));
        StreamingEventProcessor kafkaFed = processor(Map.of(0, status(mock(TrackingToken.class))));
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.of("execution-projection", projection, "sse-bridge", kafkaFed,
                "notifications", fresh));
        ProcessorLagMetrics metrics = new ProcessorLagMetrics(processing, eventStore,
                new MetricsProperties(Duration.ofMillis(20)), registry);

        metrics.start();
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(lag("execution-projection", "0")).isEqualTo(3);
                assertThat(lag("execution-projection", "1")).isZero();
                assertThat(lag("notifications", "0")).as("nothing handled yet: events 0..10").isEqualTo(11);
            });
            assertThat(registry.find(ProcessorLagMetrics.METER).tag("processor", "sse-bridge").gauges()).isEmpty();
        } finally {
            metrics.stop();
        }
    }

    private double lag(String processor, String segment) {
        return registry.get(ProcessorLagMetrics.METER).tag("processor", processor).tag("segment", segment).gauge().value();
    }

    private static StreamingEventProcessor processor(Map<Integer, EventTrackerStatus> segments) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.processingStatus()).thenReturn(segments);
        return processor;
    }

    private static EventTrackerStatus status(TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getTrackingToken()).thenReturn(token);
        when(status.getCurrentPosition()).thenReturn(position);
        return status;
    }
}

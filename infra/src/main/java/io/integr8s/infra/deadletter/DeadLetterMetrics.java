package io.integr8s.infra.deadletter;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Gauge {@code integr8s.deadletters{processing_group}}: dead letters (events, not sequences) per group. The count is
 * one indexed {@code COUNT(*)} per group, run only when the registry reads the gauge (a scrape); NaN while Axon is not
 * configured yet or the database cannot be reached.
 */
public class DeadLetterMetrics implements MeterBinder {

    public static final String METER = "integr8s.deadletters";
    public static final String TAG = "processing_group";

    private static final Log LOG = LogFactory.getLog(DeadLetterMetrics.class);

    private final List<String> processingGroups;
    private final ObjectProvider<EventProcessingConfiguration> eventProcessing;

    public DeadLetterMetrics(List<String> processingGroups, ObjectProvider<EventProcessingConfiguration> eventProcessing) {
        this.processingGroups = List.copyOf(processingGroups);
        this.eventProcessing = eventProcessing;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : processingGroups) {
            Gauge.builder(METER, () -> count(group))
                    .tag(TAG, group)
                    .description("Events in the dead-letter queue of the processing group")
                    .register(registry);
        }
    }

    double count(String group) {
        try {
            EventProcessingConfiguration configuration = eventProcessing.getIfAvailable();
            if (configuration == null) {
                return Double.NaN;
            }
            return configuration.deadLetterQueue(group).map(SequencedDeadLetterQueue::size)
                    .map(Long::doubleValue).orElse(Double.NaN);
        } catch (RuntimeException e) {
            LOG.debug("Cannot count the dead letters of " + group, e);
            return Double.NaN;
        }
    }
}

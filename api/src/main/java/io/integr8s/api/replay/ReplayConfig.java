package io.integr8s.api.replay;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.events.EventFilter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A replay session's configuration: the contract's ReplayRequest as sent, and its ReplayConfigSchema as stored and
 * shown (every default filled in by {@link #withDefaults()}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReplayConfig(String replayType, String target, Filter filter, Double speedMultiplier,
                           Boolean preserveTimestamps, Integer batchSize, Integer maxEvents, Map<String, String> targetTopics,
                           String targetFilePath, Boolean skipErrors, Boolean retryFailed, Integer retryAttempts,
                           Boolean enableProgressTracking) {

    static final String KAFKA = "kafka";
    /** At this speed (the contract's maximum) events go out as fast as Kafka takes them. */
    static final double FULL_SPEED = 100.0;

    /** The contract's ReplayFilter; {@code execution_id} names the execution's aggregate. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Filter(List<String> eventIds, String executionId, String aggregateId, List<String> eventTypes,
                         List<String> excludeEventTypes, Instant startTime, Instant endTime, String userId,
                         String serviceName) {

        public EventFilter events() {
            return new EventFilter(eventIds, aggregateId != null ? aggregateId : executionId, eventTypes,
                    excludeEventTypes, startTime, endTime, userId, serviceName, null, null);
        }
    }

    /** The configuration a POST /admin/events/replay starts: every event of the filter to the integration topic. */
    static ReplayConfig query(Filter filter) {
        return new ReplayConfig("query", KAFKA, filter, null, null, null, null, null, null, null, null, null, null)
                .withDefaults();
    }

    public ReplayConfig withDefaults() {
        return new ReplayConfig(replayType, or(target, KAFKA),
                or(filter, new Filter(null, null, null, null, null, null, null, null, null)), or(speedMultiplier, 1.0),
                or(preserveTimestamps, false), or(batchSize, 100), maxEvents, targetTopics, targetFilePath,
                or(skipErrors, true), or(retryFailed, false), or(retryAttempts, 3), or(enableProgressTracking, true));
    }

    /** Publish attempts per event. */
    int attempts() {
        return retryFailed ? retryAttempts : 1;
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}

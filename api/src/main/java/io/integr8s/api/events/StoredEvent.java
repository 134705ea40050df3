package io.integr8s.api.events;

import java.time.Instant;

/**
 * One row of the event store as the admin views read it. {@code payload} and {@code metaData} are the serialized
 * bytes (Jackson JSON); {@code deleted} says whether an admin deleted it (a tombstone exists).
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateType, String aggregateId, long sequence,
                          String payloadType, String payloadRevision, Instant timestamp, byte[] payload,
                          byte[] metaData, String userId, String correlationId, boolean deleted) {

    public String eventType() {
        return EventTypeNames.of(payloadType);
    }
}

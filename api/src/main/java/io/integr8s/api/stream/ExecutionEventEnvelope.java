package io.integr8s.api.stream;

import java.time.Instant;

/** One stored event of an execution with its place in the execution's history. */
public record ExecutionEventEnvelope(String executionId, long sequence, String eventId, Instant timestamp, Object payload)
        implements RelayedMessage {
}

package io.integr8s.replay.store;

import java.time.Instant;

/** The newest event of the store (highest global index), its time, and how many events the store holds. */
public record EventStoreHead(long globalIndex, Instant time, long events) {
}

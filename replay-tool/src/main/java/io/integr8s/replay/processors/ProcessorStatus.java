package io.integr8s.replay.processors;

import java.time.Instant;

import io.integr8s.replay.token.TokenPosition;

/** One line of the {@code processors} table: a processor's segment, its claim, position and lag. */
record ProcessorStatus(String processor, int segment, String owner, TokenPosition position, Lag lag,
                       Instant lastUpdate) {
}

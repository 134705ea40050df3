package io.integr8s.replay.store;

import java.time.Instant;

/** One row of {@code tokenentry}: a processor's segment, who holds its claim, and its serialized token. */
public record TokenEntry(String processorName, int segment, String owner, String tokenType, byte[] token,
                         Instant lastUpdate) {
}

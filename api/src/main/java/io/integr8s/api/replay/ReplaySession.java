package io.integr8s.api.replay;

import java.time.Instant;
import java.util.List;

/**
 * A replay session as stored. {@code position} is the global index of the last event handled (the scan continues
 * after it); {@code endPosition} the newest event when the session was created (later events are not replayed).
 */
public record ReplaySession(String sessionId, ReplayConfig config, ReplayStatus status, long totalEvents,
                            long replayedEvents, long failedEvents, long skippedEvents, long position, long endPosition,
                            Instant createdAt, Instant startedAt, Instant completedAt, Instant lastEventAt,
                            List<ReplayError> errors) {

    public long processed() {
        return replayedEvents + failedEvents + skippedEvents;
    }

    /** The contract's ReplayError. */
    public record ReplayError(Instant timestamp, String error, String errorType, String eventId) {
    }
}

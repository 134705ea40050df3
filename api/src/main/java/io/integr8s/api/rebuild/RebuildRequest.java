package io.integr8s.api.rebuild;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code projection_rebuilds}. {@code target} is the projection (rebuild) or processor (reset);
 * {@code processed}/{@code total} count the events of the event store the new generation has handled so far.
 */
public record RebuildRequest(UUID id,
                             RebuildKind kind,
                             String target,
                             Instant fromTime,
                             RebuildStatus status,
                             Integer generation,
                             Integer previousGeneration,
                             long processed,
                             long total,
                             String error,
                             Instant requestedAt,
                             Instant startedAt,
                             Instant finishedAt) {
}

package io.integr8s.api.replay;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The contract's shapes of a replay session: ReplaySession, SessionSummary, ReplayResponse and the status stream's. */
final class ReplayViews {

    private ReplayViews() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Session(String sessionId, ReplayConfig config, ReplayStatus status, long totalEvents, long replayedEvents,
                   long failedEvents, long skippedEvents, Instant createdAt, Instant startedAt, Instant completedAt,
                   Instant lastEventAt, List<ReplaySession.ReplayError> errors) {

        static Session of(ReplaySession s) {
            return new Session(s.sessionId(), s.config(), s.status(), s.totalEvents(), s.replayedEvents(),
                    s.failedEvents(), s.skippedEvents(), s.createdAt(), s.startedAt(), s.completedAt(), s.lastEventAt(),
                    s.errors());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ConfigSummary(String replayType, String target) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Summary(String sessionId, ConfigSummary config, ReplayStatus status, long totalEvents, long replayedEvents,
                   long failedEvents, long skippedEvents, Instant createdAt, Instant startedAt, Instant completedAt,
                   Double durationSeconds) {

        static Summary of(ReplaySession s) {
            Double duration = s.startedAt() == null ? null : Duration.between(s.startedAt(),
                    s.completedAt() != null ? s.completedAt() : Instant.now()).toMillis() / 1000.0;
            return new Summary(s.sessionId(), new ConfigSummary(s.config().replayType(), s.config().target()),
                    s.status(), s.totalEvents(), s.replayedEvents(), s.failedEvents(), s.skippedEvents(), s.createdAt(),
                    s.startedAt(), s.completedAt(), duration);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Response(String sessionId, ReplayStatus status, String message) {
    }

    /** The contract's EventReplayStatusResponse: one message of the status stream. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Status(String sessionId, ReplayStatus status, long totalEvents, long replayedEvents, long failedEvents,
                  long skippedEvents, String replayId, Instant createdAt, Instant startedAt, Instant completedAt,
                  List<ReplaySession.ReplayError> errors, Instant estimatedCompletion, List<Object> executionResults,
                  double progressPercentage) {

        static Status of(ReplaySession s, Clock clock) {
            double progress = s.totalEvents() == 0 ? (s.status().terminal() ? 100 : 0)
                    : Math.min(100, s.processed() * 100.0 / s.totalEvents());
            return new Status(s.sessionId(), s.status(), s.totalEvents(), s.replayedEvents(), s.failedEvents(),
                    s.skippedEvents(), s.sessionId(), s.createdAt(), s.startedAt(), s.completedAt(), s.errors(),
                    estimatedCompletion(s, clock.instant()), null, Math.round(progress * 100) / 100.0);
        }

        /** At the pace so far: the time spent per handled event, times the events left. */
        private static Instant estimatedCompletion(ReplaySession s, Instant now) {
            if (s.status() != ReplayStatus.RUNNING || s.startedAt() == null || s.processed() == 0) {
                return null;
            }
            long spent = Duration.between(s.startedAt(), now).toMillis();
            return now.plusMillis(spent * (s.totalEvents() - s.processed()) / s.processed());
        }
    }
}

package io.integr8s.replay.processors;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import io.integr8s.replay.store.EventStore;
import io.integr8s.replay.store.EventStoreHead;
import io.integr8s.replay.token.TokenPosition;
import io.integr8s.replay.token.TokenPosition.EventIndex;
import io.integr8s.replay.token.TokenPosition.NotStarted;
import io.integr8s.replay.token.TokenPosition.Replaying;

/**
 * Lag of a token position against the head: in events, head global index minus the token's index; in time, the
 * head's time minus the time of the event at the token's position. A processor at the start has every event ahead of
 * it, spanning from the first event to the head. A replay lags by its current position; one of a processor reading
 * Kafka has no event-store lag.
 */
final class LagCalculator {

    private final EventStore eventStore;
    private final Optional<EventStoreHead> head;

    LagCalculator(EventStore eventStore, Optional<EventStoreHead> head) {
        this.eventStore = eventStore;
        this.head = head;
    }

    Lag lag(TokenPosition position) throws SQLException {
        if (position instanceof Replaying replaying) {
            return replaying.resetAt() instanceof EventIndex ? lag(replaying.current()) : Lag.NOT_APPLICABLE;
        }
        if (!(position instanceof EventIndex || position instanceof NotStarted)) {
            return Lag.NOT_APPLICABLE;
        }
        if (head.isEmpty()) {
            return Lag.of(OptionalLong.of(0), Optional.empty());
        }
        EventStoreHead newest = head.get();
        if (position instanceof EventIndex index) {
            return Lag.of(OptionalLong.of(newest.globalIndex() - index.index()),
                    since(eventStore.timeAtOrBefore(index.index()), newest.time()));
        }
        return Lag.of(OptionalLong.of(newest.events()), since(eventStore.firstEventTime(), newest.time()));
    }

    private static Optional<Duration> since(Optional<Instant> then, Instant headTime) {
        return then.map(time -> Duration.between(time, headTime));
    }
}

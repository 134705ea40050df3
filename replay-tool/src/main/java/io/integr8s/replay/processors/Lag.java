package io.integr8s.replay.processors;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a processor is behind the event store head, in events and in time. Not applicable to processors that do
 * not read the event store (Kafka); either figure may be unknown (e.g. an empty store).
 */
record Lag(boolean applicable, OptionalLong events, Optional<Duration> time) {

    static final Lag NOT_APPLICABLE = new Lag(false, OptionalLong.empty(), Optional.empty());

    static Lag of(OptionalLong events, Optional<Duration> time) {
        return new Lag(true, events, time);
    }
}

package io.integr8s.replay.processors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.integr8s.replay.store.EventStoreHead;
import io.integr8s.replay.target.DatabaseTarget;

/** Renders the output of {@code processors}: where it looked, the event store head, and one row per segment. */
final class ProcessorsReport {

    private static final String UNKNOWN = "-";
    private static final String NOT_APPLICABLE = "n/a";

    private final Clock clock;

    ProcessorsReport(Clock clock) {
        this.clock = clock;
    }

    String render(DatabaseTarget target, Optional<EventStoreHead> head, List<ProcessorStatus> statuses) {
        StringBuilder text = new StringBuilder();
        text.append("database:    ").append(target).append('\n');
        text.append("event store: ").append(head.map(this::describe).orElse("empty (no events yet)")).append("\n\n");
        if (statuses.isEmpty()) {
            return text.append("no processor has a token yet (processors store one when they first start)\n").toString();
        }
        TextTable table = new TextTable("PROCESSOR", "SEGMENT", "OWNER", "POSITION", "LAG EVENTS", "LAG TIME", "LAST UPDATE");
        for (ProcessorStatus status : statuses) {
            table.add(status.processor(), Integer.toString(status.segment()),
                    status.owner() == null ? "unclaimed" : status.owner(),
                    status.position().describe(), lagInEvents(status.lag()), lagInTime(status.lag()),
                    status.lastUpdate() == null ? UNKNOWN : moment(status.lastUpdate()));
        }
        return text.append(table.render()).toString();
    }

    private static String lagInEvents(Lag lag) {
        if (!lag.applicable()) {
            return NOT_APPLICABLE;
        }
        return lag.events().isPresent() ? Long.toString(lag.events().getAsLong()) : UNKNOWN;
    }

    private static String lagInTime(Lag lag) {
        return lag.applicable() ? lag.time().map(Durations::format).orElse(UNKNOWN) : NOT_APPLICABLE;
    }

    private String describe(EventStoreHead head) {
        return "head " + head.globalIndex() + " at " + moment(head.time()) + ", " + head.events() + " events";
    }

    private String moment(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS) + " (" + Durations.format(age(time)) + " ago)";
    }

    private Duration age(Instant time) {
        return Duration.between(time, clock.instant()).truncatedTo(ChronoUnit.SECONDS);
    }
}

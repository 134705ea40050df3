package io.integr8s.replay.rebuild;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.integr8s.replay.ToolFailure;

/**
 * Follows a request until it has finished, showing its progress; if no instance picks it up within the pickup wait,
 * takes it back (so it does not run by surprise later) and fails saying what to start.
 */
final class RequestWatch {

    static final Duration POLL = Duration.ofMillis(250);

    private final RequestTable table;
    private final Clock clock;
    private final ProgressDisplay display;

    RequestWatch(RequestTable table, Clock clock, PrintStream out, boolean terminal) {
        this.table = table;
        this.clock = clock;
        this.display = new ProgressDisplay(out, terminal);
    }

    Request follow(UUID id, Duration pickupWait) throws SQLException, ToolFailure {
        Instant deadline = clock.instant().plus(pickupWait);
        try {
            while (true) {
                Request request = table.read(id);
                if (request.finished()) {
                    return request;
                }
                if (request.status().equals("requested")) {
                    if (clock.instant().isAfter(deadline) && table.withdraw(id)) {
                        throw new ToolFailure("no running integr8s picked the request up within " + pickupWait.toSeconds()
                                + "s, so it was withdrawn (nothing changed): start integr8s (bin/integr8s with the same"
                                + " INTEGR8S_HOME, or an instance with the projections role on this database), then run"
                                + " this again; or give it longer with --wait <seconds>");
                    }
                    display.waiting("waiting for an instance with the projections role to pick the request up", clock.instant());
                } else {
                    display.show(request.status(), request.processed(), request.total(), clock.instant());
                }
                sleep();
            }
        } finally {
            display.end();
        }
    }

    private static void sleep() throws ToolFailure {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailure("interrupted while waiting; the request goes on in integr8s (see `processors`)", e);
        }
    }
}

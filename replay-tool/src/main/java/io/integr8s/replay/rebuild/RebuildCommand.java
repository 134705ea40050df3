package io.integr8s.replay.rebuild;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import io.integr8s.replay.Arguments;
import io.integr8s.replay.Command;
import io.integr8s.replay.ToolFailure;
import io.integr8s.replay.UsageException;
import io.integr8s.replay.processors.Durations;
import io.integr8s.replay.store.AxonSchema;
import io.integr8s.replay.store.Database;
import io.integr8s.replay.store.EventStore;
import io.integr8s.replay.store.EventStoreHead;
import io.integr8s.replay.target.DatabaseTarget;
import io.integr8s.replay.target.TargetResolver;

/**
 * {@code rebuild <projection>}: asks the running integr8s for a blue/green rebuild and follows it to the end; the old
 * generation serves reads until the new one has caught up and the read side switched (docs/adr/0010).
 */
public final class RebuildCommand implements Command {

    private final TargetResolver targets;
    private final Clock clock;
    private final boolean terminal;

    public RebuildCommand(TargetResolver targets, Clock clock, boolean terminal) {
        this.targets = targets;
        this.clock = clock;
        this.terminal = terminal;
    }

    @Override
    public String name() {
        return "rebuild";
    }

    @Override
    public String summary() {
        return "<projection> [--dry-run] [--wait <s>]: rebuild a read model blue/green while the old one serves";
    }

    @Override
    public Set<String> options() {
        return RequestOptions.with();
    }

    @Override
    public void run(Arguments arguments, PrintStream out) throws UsageException, ToolFailure {
        String projection = arguments.requireOneOperand("projection (e.g. executions)");
        Duration wait = RequestOptions.pickupWait(arguments);
        DatabaseTarget target = targets.resolve(arguments);
        try (Connection connection = Database.connectForRequests(target)) {
            AxonSchema schema = AxonSchema.detect(connection);
            RequestTable table = new RequestTable(connection);
            Set<String> projections = table.projections();
            if (!projections.contains(projection)) {
                throw new UsageException("unknown projection '" + projection + "': integr8s rebuilds "
                        + String.join(", ", projections) + " (user-directory, user-settings and system-settings are"
                        + " PostgreSQL read models committed with their events: never behind, never rebuilt)");
            }
            long events = new EventStore(connection, schema).head().map(EventStoreHead::events).orElse(0L);
            int active = table.activeGeneration(projection);
            out.println("database:    " + target);
            out.printf("rebuild:     %s: generation %d keeps serving reads while a new processor builds a new generation"
                    + " from all %,d events, then the read side switches and generation %d is dropped%n",
                    projection, active, events, active);
            if (arguments.flag("dry-run")) {
                out.printf("dry run:     nothing changed; it would process %,d events%n", events);
                return;
            }
            UUID id = table.insert("rebuild", projection, null);
            out.println("request:     " + id);
            report(projection, new RequestWatch(table, clock, out, terminal).follow(id, wait), out);
        } catch (SQLException e) {
            throw new ToolFailure("talking to PostgreSQL at " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static void report(String projection, Request done, PrintStream out) throws ToolFailure {
        switch (done.status()) {
            case "completed" -> {
                Duration took = Duration.between(done.startedAt(), done.finishedAt());
                out.printf("rebuilt %s: generation %d serves reads; %,d events in %s (%,d events/s); generation %d"
                                + " dropped%n", projection, done.generation(), done.processed(), Durations.format(took),
                        done.processed() * 1000 / Math.max(1, took.toMillis()), done.previousGeneration());
            }
            case "failed" -> throw new ToolFailure("the rebuild of " + projection + " failed: " + done.error());
            default -> throw new ToolFailure("the rebuild of " + projection + " was cancelled while it ran; the old"
                    + " generation still serves reads. Run the rebuild again when wanted");
        }
    }
}

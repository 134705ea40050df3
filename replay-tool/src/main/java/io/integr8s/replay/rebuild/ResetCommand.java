package io.integr8s.replay.rebuild;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.integr8s.replay.Arguments;
import io.integr8s.replay.Command;
import io.integr8s.replay.ToolFailure;
import io.integr8s.replay.UsageException;
import io.integr8s.replay.store.AxonSchema;
import io.integr8s.replay.store.Database;
import io.integr8s.replay.store.EventStore;
import io.integr8s.replay.store.EventStoreHead;
import io.integr8s.replay.store.TokenEntry;
import io.integr8s.replay.store.TokenStore;
import io.integr8s.replay.target.DatabaseTarget;
import io.integr8s.replay.target.TargetResolver;
import io.integr8s.replay.token.TokenReader;

/**
 * {@code reset <processor> [--from <time>]}: asks the running integr8s to halt the processor on every instance and
 * reset its tokens with Axon's own {@code resetTokens}; the processor then replays from the start or {@code --from}.
 */
public final class ResetCommand implements Command {

    private final TargetResolver targets;
    private final Clock clock;
    private final boolean terminal;
    private final TokenReader tokenReader = new TokenReader();

    public ResetCommand(TargetResolver targets, Clock clock, boolean terminal) {
        this.targets = targets;
        this.clock = clock;
        this.terminal = terminal;
    }

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String summary() {
        return "<processor> [--from <time>] [--dry-run] [--wait <s>]: reset a processor's tokens; it replays";
    }

    @Override
    public Set<String> options() {
        return RequestOptions.with("from");
    }

    @Override
    public void run(Arguments arguments, PrintStream out) throws UsageException, ToolFailure {
        String processor = arguments.requireOneOperand("processor (as `processors` lists it)");
        Instant from = from(arguments);
        Duration wait = RequestOptions.pickupWait(arguments);
        DatabaseTarget target = targets.resolve(arguments);
        try (Connection connection = Database.connectForRequests(target)) {
            AxonSchema schema = AxonSchema.detect(connection);
            List<TokenEntry> entries = new TokenStore(connection, schema).entries();
            List<TokenEntry> segments = entries.stream().filter(entry -> entry.processorName().equals(processor)).toList();
            if (segments.isEmpty()) {
                throw new UsageException("unknown processor '" + processor + "': processors with tokens here: "
                        + entries.stream().map(TokenEntry::processorName).collect(Collectors.toCollection(TreeSet::new)));
            }
            RequestTable table = new RequestTable(connection);
            EventStore eventStore = new EventStore(connection, schema);
            long events = from == null ? eventStore.head().map(EventStoreHead::events).orElse(0L)
                    : eventStore.countFrom(from);
            out.println("database:    " + target);
            out.printf("reset:       %s (%s) to %s: it halts on every instance, Axon resets its tokens, then it"
                            + " replays %,d events%n", processor, positions(segments),
                    from == null ? "the start of the event store" : from.toString(), events);
            if (arguments.flag("dry-run")) {
                out.printf("dry run:     nothing changed; it would replay %,d events%n", events);
                return;
            }
            UUID id = table.insert("reset", processor, from);
            out.println("request:     " + id);
            Request done = new RequestWatch(table, clock, out, terminal).follow(id, wait);
            if (!done.status().equals("completed")) {
                throw new ToolFailure("the reset of " + processor + " " + done.status() + ": "
                        + (done.error() == null ? "its tokens are unchanged" : done.error()));
            }
            out.printf("reset %s: its tokens were reset; it replays %,d events on the instances that run it"
                    + " (follow it with `processors`)%n", processor, events);
        } catch (SQLException e) {
            throw new ToolFailure("talking to PostgreSQL at " + target + " failed: " + e.getMessage(), e);
        }
    }

    private String positions(List<TokenEntry> segments) {
        return segments.size() + (segments.size() == 1 ? " segment" : " segments") + ", now at "
                + segments.stream().map(entry -> tokenReader.read(entry.tokenType(), entry.token()).describe())
                .collect(Collectors.joining(", "));
    }

    private static Instant from(Arguments arguments) throws UsageException {
        String value = arguments.option("from").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--from takes an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + value + "'");
        }
    }
}

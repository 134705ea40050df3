package io.integr8s.replay.processors;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

/** {@code processors}: every processor segment with its owner, token position and lag behind the event store head. */
public final class ProcessorsCommand implements Command {

    private final TargetResolver targets;
    private final ProcessorsReport report;
    private final TokenReader tokenReader = new TokenReader();

    public ProcessorsCommand(TargetResolver targets, Clock clock) {
        this.targets = targets;
        this.report = new ProcessorsReport(clock);
    }

    @Override
    public String name() {
        return "processors";
    }

    @Override
    public String summary() {
        return "list event processors: segment, owner, token position, lag in events and time, last update";
    }

    @Override
    public Set<String> options() {
        return TargetResolver.OPTIONS;
    }

    @Override
    public void run(Arguments arguments, PrintStream out) throws UsageException, ToolFailure {
        arguments.requireNoOperands();
        DatabaseTarget target = targets.resolve(arguments);
        try (Connection connection = Database.connect(target)) {
            AxonSchema schema = AxonSchema.detect(connection);
            EventStore eventStore = new EventStore(connection, schema);
            Optional<EventStoreHead> head = eventStore.head();
            LagCalculator lags = new LagCalculator(eventStore, head);
            List<ProcessorStatus> statuses = new ArrayList<>();
            for (TokenEntry entry : new TokenStore(connection, schema).entries()) {
                var position = tokenReader.read(entry.tokenType(), entry.token());
                statuses.add(new ProcessorStatus(entry.processorName(), entry.segment(), entry.owner(), position,
                        lags.lag(position), entry.lastUpdate()));
            }
            out.print(report.render(target, head, statuses));
        } catch (SQLException e) {
            throw new ToolFailure("reading Axon's tables at " + target + " failed: " + e.getMessage(), e);
        }
    }
}

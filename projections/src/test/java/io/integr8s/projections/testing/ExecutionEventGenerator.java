package io.integr8s.projections.testing;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.execution.api.ResourceUsage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Appends the whole lifecycle of many executions to an event store quickly, without sandboxes: the real event records
 * of the Execution aggregate, {@value #EVENTS_PER_EXECUTION} per execution (requested, scheduled, pod created,
 * started, completed/failed/timed out, pod deleted), published in batches of {@code executionsPerBatch} executions.
 * For rebuild tests and benchmarks (e.g. 1,000,000 events: {@code publish(166_667, ...)}); run the instance without
 * the sagas, coordinator and notifications roles, which would act on these events.
 */
public final class ExecutionEventGenerator {

    public static final int EVENTS_PER_EXECUTION = 6;
    private static final String AGGREGATE_TYPE = "Execution";
    private static final String[] LANGUAGES = {"python", "node", "ruby", "bash", "go"};
    private static final int OWNERS = 50;

    private final EventBus eventStore;
    private final int executionsPerBatch;

    public ExecutionEventGenerator(EventBus eventStore, int executionsPerBatch) {
        this.eventStore = eventStore;
        this.executionsPerBatch = executionsPerBatch;
    }

    /** Publishes {@code executions} lifecycles, the first at {@code start}, one millisecond per event; the ids. */
    public List<String> publish(int executions, Instant start) {
        List<String> ids = new ArrayList<>(executions);
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < executions; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            Instant at = start.plusMillis((long) i * EVENTS_PER_EXECUTION);
            List<Object> lifecycle = lifecycle(i, id);
            for (int sequence = 0; sequence < lifecycle.size(); sequence++) {
                batch.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, id, sequence, lifecycle.get(sequence),
                        MetaData.emptyInstance(), UUID.randomUUID().toString(), at.plusMillis(sequence)));
            }
            if ((i + 1) % executionsPerBatch == 0 || i == executions - 1) {
                eventStore.publish(batch);
                batch = new ArrayList<>();
            }
        }
        return ids;
    }

    private static List<Object> lifecycle(int i, String id) {
        String owner = "owner-" + (i % OWNERS);
        String lang = LANGUAGES[i % LANGUAGES.length];
        String script = "print(" + i + ")";
        ResourceUsage usage = new ResourceUsage(0.01 * (i % 100), 1000L + i, 2048L + i % 512);
        Object ended = switch (i % 10) {
            case 7 -> new ExecutionFailed(id, owner, new ExecutionResult(null, "", "", false, false, usage,
                    ErrorType.RESOURCE_LIMIT, "memory limit of 128 MiB exceeded"));
            case 8 -> new ExecutionTimedOut(id, owner, ExecutionResult.failure(ErrorType.TIMEOUT, "timed out after 5s"));
            default -> new ExecutionCompleted(id, owner, new ExecutionResult(i % 3 == 0 ? 1 : 0, i + "\n", "",
                    false, false, usage, null, null));
        };
        return List.of(
                new ExecutionRequested(id, owner, script, lang, "1", Priority.values()[i % Priority.values().length],
                        5, "128Mi", "1000m", Instant.EPOCH.plusSeconds(i)),
                new ExecutionScheduled(id, owner, script, lang, "1", 5, "128Mi", "1000m"),
                new PodCreated(id, owner, "executor-" + id),
                new ExecutionStarted(id, owner),
                ended,
                new PodDeleted(id, owner));
    }
}

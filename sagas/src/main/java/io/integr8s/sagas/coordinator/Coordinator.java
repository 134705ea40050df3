package io.integr8s.sagas.coordinator;

import io.integr8s.command.execution.api.AdmitExecution;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionEnded;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionPriorityChanged;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionRuleViolation;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.system.api.SystemSettingsChanged;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Admits queued executions while sandbox capacity lasts: priority first, then arrival order. Runs in a
 * single-segment processor, so exactly one instance in a deployment owns admission at any time. The capacity is the
 * system settings' {@code max_concurrent_executions}, taken from their events in stream order (so an execution
 * requested after a change is admitted under it); before any change, the configured {@code max-concurrent}.
 */
@ProcessingGroup(Coordinator.PROCESSING_GROUP)
public class Coordinator {

    public static final String PROCESSING_GROUP = "coordinator";

    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

    private final AdmissionQueue queue;
    private final CommandGateway commandGateway;
    private final int configuredMaxConcurrent;

    public Coordinator(AdmissionQueue queue, CommandGateway commandGateway, int configuredMaxConcurrent) {
        this.queue = queue;
        this.commandGateway = commandGateway;
        this.configuredMaxConcurrent = configuredMaxConcurrent;
    }

    @EventHandler
    void on(SystemSettingsChanged event) {
        queue.setCapacity(event.settings().maxConcurrentExecutions());
        admitWhileCapacityLasts();
    }

    @EventHandler
    void on(ExecutionRequested event) {
        queue.enqueue(event.executionId(), event.ownerId(), event.priority().rank());
        admitWhileCapacityLasts();
    }

    /** The aggregate allows it only while the execution waits, so the next admission already sees the new order. */
    @EventHandler
    void on(ExecutionPriorityChanged event) {
        queue.reprioritize(event.executionId(), event.priority().rank());
    }

    @EventHandler
    void on(ExecutionScheduled event) {
        queue.markAdmitted(event.executionId());
    }

    @EventHandler
    void on(ExecutionCompleted event) {
        release(event);
    }

    @EventHandler
    void on(ExecutionFailed event) {
        release(event);
    }

    @EventHandler
    void on(ExecutionTimedOut event) {
        release(event);
    }

    @EventHandler
    void on(ExecutionCancelled event) {
        release(event);
    }

    /** What the queue holds now, read from its table: the same on every instance, whichever owns admission. */
    public QueueStatus status() {
        AdmissionCounts counts = queue.counts();
        Map<Priority, Integer> byPriority = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            byPriority.put(priority, counts.waiting(priority.rank()));
        }
        return new QueueStatus(queue.waitingCount(), queue.admittedCount(), capacity(), byPriority);
    }

    private int capacity() {
        return queue.capacity().orElse(configuredMaxConcurrent);
    }

    private void release(ExecutionEnded event) {
        queue.remove(event.executionId());
        admitWhileCapacityLasts();
    }

    private void admitWhileCapacityLasts() {
        int capacity = capacity();
        while (queue.admittedCount() < capacity) {
            Optional<String> next = queue.nextWaiting();
            if (next.isEmpty()) {
                return;
            }
            admit(next.get());
        }
    }

    private void admit(String executionId) {
        try {
            commandGateway.sendAndWait(new AdmitExecution(executionId));
            queue.markAdmitted(executionId);
        } catch (ExecutionRuleViolation ended) {
            // ended before its turn (cancelled); its terminal event will arrive too, removing it twice is harmless
            log.debug("Not admitting {}: {}", executionId, ended.getMessage());
            queue.remove(executionId);
        }
    }
}

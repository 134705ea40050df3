package io.integr8s.api.stream;

import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionPriorityChanged;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.execution.api.PodFailed;
import io.integr8s.command.execution.api.PodRunning;
import io.integr8s.command.execution.api.PodScheduled;
import io.integr8s.command.execution.api.PodSucceeded;
import io.integr8s.command.execution.api.PodTerminated;

import java.util.List;
import java.util.Map;

/**
 * The contract's snake_case lifecycle names for each of our events. Some events stand for several steps of the
 * original's vocabulary (a request is also queued; a terminal event also stores the result).
 */
public final class LifecycleNames {

    private static final Map<Class<?>, List<String>> NAMES = Map.ofEntries(
            Map.entry(ExecutionRequested.class, List.of("execution_requested", "execution_queued")),
            Map.entry(ExecutionPriorityChanged.class, List.of("execution_priority_changed")),
            Map.entry(ExecutionScheduled.class, List.of("execution_accepted")),
            Map.entry(PodCreated.class, List.of("pod_created")),
            Map.entry(PodScheduled.class, List.of("pod_scheduled")),
            Map.entry(PodRunning.class, List.of("pod_running")),
            Map.entry(ExecutionStarted.class, List.of("execution_started", "execution_running")),
            Map.entry(PodSucceeded.class, List.of("pod_succeeded")),
            Map.entry(PodFailed.class, List.of("pod_failed")),
            Map.entry(PodTerminated.class, List.of("pod_terminated")),
            Map.entry(ExecutionCompleted.class, List.of("execution_completed", SseExecutionEvent.RESULT_STORED)),
            Map.entry(ExecutionFailed.class, List.of("execution_failed", SseExecutionEvent.RESULT_STORED)),
            Map.entry(ExecutionTimedOut.class, List.of("execution_timeout", SseExecutionEvent.RESULT_STORED)),
            Map.entry(ExecutionCancelled.class, List.of("execution_cancelled", SseExecutionEvent.RESULT_STORED)),
            Map.entry(PodDeleted.class, List.of("pod_deleted")));

    private LifecycleNames() {
    }

    public static List<String> of(Object payload) {
        return NAMES.getOrDefault(payload.getClass(), List.of());
    }

    /** The most SSE messages one event stands for. */
    static int mostPerEvent() {
        return NAMES.values().stream().mapToInt(List::size).max().orElse(0);
    }

    /** The first (primary) name of an event, used where one event is one entry. */
    public static String primary(Object payload) {
        return primaryOf(payload.getClass());
    }

    /** The primary name of an event type; null for a type that is not an execution lifecycle event. */
    public static String primaryOf(Class<?> type) {
        List<String> names = NAMES.getOrDefault(type, List.of());
        return names.isEmpty() ? null : names.get(0);
    }

    static Map<String, Class<?>> eventTypesBySimpleName() {
        return NAMES.keySet().stream().collect(java.util.stream.Collectors.toMap(Class::getSimpleName, c -> c));
    }
}

package io.integr8s.api.stream;

import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;

import java.util.List;
import java.util.Map;

/**
 * The contract's snake_case lifecycle names for each of our events. Some events stand for several steps of the
 * original's vocabulary (a request is also queued; a terminal event also stores the result).
 */
public final class LifecycleNames {

    private static final Map<Class<?>, List<String>> NAMES = Map.of(
            ExecutionRequested.class, List.of("execution_requested", "execution_queued"),
            ExecutionScheduled.class, List.of("execution_accepted"),
            PodCreated.class, List.of("pod_created"),
            ExecutionStarted.class, List.of("execution_started", "execution_running"),
            ExecutionCompleted.class, List.of("execution_completed", SseExecutionEvent.RESULT_STORED),
            ExecutionFailed.class, List.of("execution_failed", SseExecutionEvent.RESULT_STORED),
            ExecutionTimedOut.class, List.of("execution_timeout", SseExecutionEvent.RESULT_STORED),
            ExecutionCancelled.class, List.of("execution_cancelled", SseExecutionEvent.RESULT_STORED),
            PodDeleted.class, List.of("pod_deleted"));

    private LifecycleNames() {
    }

    public static List<String> of(Object payload) {
        return NAMES.getOrDefault(payload.getClass(), List.of());
    }

    /** The first (primary) name of an event, used where one event is one entry. */
    public static String primary(Object payload) {
        List<String> names = of(payload);
        return names.isEmpty() ? null : names.get(0);
    }

    static Map<String, Class<?>> eventTypesBySimpleName() {
        return NAMES.keySet().stream().collect(java.util.stream.Collectors.toMap(Class::getSimpleName, c -> c));
    }
}

package io.integr8s.api.execution;

import io.integr8s.api.stream.ExecutionEventEnvelope;
import io.integr8s.api.stream.LifecycleNames;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionTimedOut;
import io.integr8s.command.execution.api.PodContainerStatus;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.execution.api.PodFailed;
import io.integr8s.command.execution.api.PodRunning;
import io.integr8s.command.execution.api.PodScheduled;
import io.integr8s.command.execution.api.PodSucceeded;
import io.integr8s.command.execution.api.PodTerminated;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a stored event in the contract's event shape for {@code GET /executions/{id}/events}. */
final class ContractEventMapper {

    private ContractEventMapper() {
    }

    /** Admin viewers see actors' ids; other viewers their own id, or the role of whoever else acted. */
    static Map<String, Object> toContract(ExecutionEventEnvelope event, String ownerId, String podName, boolean adminViewer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", event.eventId());
        body.put("event_type", LifecycleNames.primary(event.payload()));
        body.put("event_version", "1.0");
        body.put("timestamp", event.timestamp());
        body.put("aggregate_id", event.executionId());
        body.put("metadata", Map.of("service_name", "integr8s", "user_id", ownerId));
        body.put("execution_id", event.executionId());
        body.put("sequence", event.sequence());
        Object payload = event.payload();
        if (payload instanceof ExecutionRequested requested) {
            body.put("script", requested.script());
            body.put("language", requested.lang());
            body.put("language_version", requested.langVersion());
            body.put("timeout_seconds", requested.timeoutSeconds());
            body.put("priority", requested.priority());
        } else if (payload instanceof ExecutionScheduled scheduled) {
            body.put("timeout_seconds", scheduled.timeoutSeconds());
        } else if (payload instanceof PodCreated created) {
            body.put("pod_name", created.podName());
        } else if (payload instanceof PodScheduled scheduled) {
            body.put("pod_name", scheduled.podName());
            body.put("node_name", scheduled.nodeName());
        } else if (payload instanceof PodRunning running) {
            body.put("pod_name", running.podName());
            body.put("container_statuses", containers(running.containerStatuses()));
        } else if (payload instanceof PodSucceeded succeeded) {
            body.put("pod_name", succeeded.podName());
            body.put("exit_code", succeeded.exitCode());
        } else if (payload instanceof PodFailed failed) {
            body.put("pod_name", failed.podName());
            body.put("exit_code", failed.exitCode());
            body.put("reason", failed.reason());
        } else if (payload instanceof PodTerminated terminated) {
            body.put("pod_name", terminated.podName());
            body.put("reason", terminated.reason());
        } else if (payload instanceof ExecutionCompleted completed) {
            putResult(body, completed.result());
        } else if (payload instanceof ExecutionFailed failed) {
            putResult(body, failed.result());
        } else if (payload instanceof ExecutionTimedOut timedOut) {
            putResult(body, timedOut.result());
        } else if (payload instanceof ExecutionCancelled cancelled) {
            body.put("cancelled_by", actorShown(cancelled.cancelledBy(), ownerId, adminViewer));
            body.put("reason", cancelled.reason());
            body.put("previous_status", cancelled.previousStatus());
        } else if (payload instanceof PodDeleted) {
            body.put("pod_name", podName);
        }
        return body;
    }

    /**
     * Only the owner or an admin can cancel an execution (ExecutionAccess), so an actor who is not the owner was an
     * admin: a user is told that, never the admin's id.
     */
    private static String actorShown(String actorId, String ownerId, boolean adminViewer) {
        return adminViewer || actorId == null || actorId.equals(ownerId) ? actorId : "admin";
    }

    /** The contract's {@code ContainerStatusInfo}; execution pods never restart ({@code restartPolicy: Never}). */
    private static List<Map<String, Object>> containers(List<PodContainerStatus> statuses) {
        return statuses == null ? List.of() : statuses.stream().map(status -> Map.<String, Object>of(
                "name", status.name(), "ready", "running".equals(status.state()), "restart_count", 0,
                "state", status.state())).toList();
    }

    private static void putResult(Map<String, Object> body, ExecutionResult result) {
        body.put("exit_code", result.exitCode());
        body.put("stdout", result.stdout());
        body.put("stderr", result.stderr());
        body.put("error_type", result.errorType());
        body.put("error_message", result.message());
        body.put("resource_usage", ResourceUsageResponse.from(result.resourceUsage()));
    }
}

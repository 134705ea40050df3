package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.integr8s.command.execution.api.PodContainerStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an execution pod's status into a {@link PodObservation}. Pure, one rule per phase and reason:
 * <pre>
 * phase      pod / container reason                      → fact                       outcome (see PodOutcomes)
 * Pending    not bound to a node                         → nothing yet                system_error after start-timeout
 * Pending    bound (nodeName, condition PodScheduled)    → pod_scheduled              (waits)
 * Pending    waiting ErrImagePull, ImagePullBackOff,     → pod_scheduled + problem    system_error after start-timeout
 *            InvalidImageName
 * Running    container running                           → pod_scheduled, pod_running (waits)
 * Succeeded  container terminated, exit 0                → pod_succeeded              completed, exit 0
 * Failed     container terminated, exit ≠ 0 (Error)      → pod_failed                 completed, script_error
 * Failed     container terminated OOMKilled              → pod_failed                 failed, resource_limit (memory)
 * Failed     pod reason DeadlineExceeded                 → pod_terminated             timed out, timeout
 * Failed     other pod reason (Evicted, …)               → pod_terminated             failed, system_error
 * Unknown    (node lost)                                 → nothing yet                (waits for the node or the sweep)
 * </pre>
 */
final class PodStates {

    static final Set<String> IMAGE_PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");

    private PodStates() {
    }

    static PodObservation observe(Pod pod) {
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String phase = status.getPhase() == null ? "Pending" : status.getPhase();
        Optional<ContainerStatus> container = container(status);
        ContainerState state = container.map(ContainerStatus::getState).orElse(null);
        ContainerStateTerminated terminated = state == null ? null : state.getTerminated();
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        boolean scheduled = nodeName != null || condition(status, "PodScheduled");
        boolean running = (state != null && state.getRunning() != null) || (terminated != null
                && terminated.getStartedAt() != null);
        return new PodObservation(executionId(pod), pod.getMetadata().getName(), nodeName, scheduled, running,
                end(phase, status, terminated), startProblem(phase, state), containers(status), memoryLimit(pod),
                pod.getSpec() == null ? null : pod.getSpec().getActiveDeadlineSeconds());
    }

    static String executionId(Pod pod) {
        return pod.getMetadata().getLabels() == null ? null
                : pod.getMetadata().getLabels().get(ExecutorNames.EXECUTION_ID_LABEL);
    }

    private static PodEnd end(String phase, PodStatus status, ContainerStateTerminated terminated) {
        boolean succeeded = "Succeeded".equals(phase);
        if (!succeeded && !"Failed".equals(phase)) {
            return null;
        }
        Integer exitCode = terminated == null ? null : terminated.getExitCode();
        String containerReason = terminated == null ? null : terminated.getReason();
        String terminationMessage = terminated == null ? null : terminated.getMessage();
        Instant startedAt = terminated == null ? null : instant(terminated.getStartedAt());
        Instant finishedAt = terminated == null ? null : instant(terminated.getFinishedAt());
        PodEnd.Kind kind = succeeded ? PodEnd.Kind.SUCCEEDED
                : status.getReason() != null || terminated == null ? PodEnd.Kind.TERMINATED : PodEnd.Kind.FAILED;
        String reason = status.getReason() != null ? status.getReason() : containerReason;
        return new PodEnd(kind, exitCode, reason, status.getMessage(), containerReason, terminationMessage, startedAt,
                finishedAt);
    }

    private static String startProblem(String phase, ContainerState state) {
        if (!"Pending".equals(phase) || state == null || state.getWaiting() == null
                || !IMAGE_PULL_FAILURES.contains(state.getWaiting().getReason())) {
            return null;
        }
        String message = state.getWaiting().getMessage();
        return state.getWaiting().getReason() + (message == null ? "" : ": " + message);
    }

    private static Optional<ContainerStatus> container(PodStatus status) {
        return status.getContainerStatuses() == null ? Optional.empty() : status.getContainerStatuses().stream()
                .filter(c -> ExecutionPods.CONTAINER.equals(c.getName())).findFirst();
    }

    private static List<PodContainerStatus> containers(PodStatus status) {
        if (status.getContainerStatuses() == null) {
            return List.of();
        }
        return status.getContainerStatuses().stream().map(PodStates::container).toList();
    }

    private static PodContainerStatus container(ContainerStatus status) {
        ContainerState state = status.getState();
        if (state != null && state.getTerminated() != null) {
            return new PodContainerStatus(status.getName(), "terminated", state.getTerminated().getReason(),
                    state.getTerminated().getExitCode());
        }
        if (state != null && state.getRunning() != null) {
            return new PodContainerStatus(status.getName(), "running", null, null);
        }
        String reason = state == null || state.getWaiting() == null ? null : state.getWaiting().getReason();
        return new PodContainerStatus(status.getName(), "waiting", reason, null);
    }

    private static boolean condition(PodStatus status, String type) {
        List<PodCondition> conditions = status.getConditions();
        return conditions != null && conditions.stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Long memoryLimit(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return null;
        }
        return pod.getSpec().getContainers().stream().filter(c -> ExecutionPods.CONTAINER.equals(c.getName()))
                .map(c -> c.getResources() == null || c.getResources().getLimits() == null ? null
                        : c.getResources().getLimits().get("memory"))
                .filter(java.util.Objects::nonNull).findFirst()
                .map(q -> Quantity.getAmountInBytes(q).longValue()).orElse(null);
    }

    private static Instant instant(String timestamp) {
        return timestamp == null ? null : Instant.parse(timestamp);
    }
}

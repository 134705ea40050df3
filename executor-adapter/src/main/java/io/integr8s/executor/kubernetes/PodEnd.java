package io.integr8s.executor.kubernetes;

import java.time.Instant;

/**
 * How a pod ended, as far as Kubernetes says: {@code kind} is the lifecycle event it stands for; {@code exitCode},
 * {@code containerReason} and {@code terminationMessage} come from the container's terminated state (null if it never
 * ran); {@code reason} and {@code message} explain the end (the pod's reason, else the container's).
 */
record PodEnd(Kind kind, Integer exitCode, String reason, String message, String containerReason,
              String terminationMessage, Instant startedAt, Instant finishedAt) {

    enum Kind {
        /** {@code pod_succeeded}: phase Succeeded. */
        SUCCEEDED,
        /** {@code pod_failed}: phase Failed because the container failed (non-zero exit, OOMKilled). */
        FAILED,
        /** {@code pod_terminated}: ended by the cluster (deadline, eviction, deletion) or never started. */
        TERMINATED
    }

    static PodEnd terminated(String reason, String message) {
        return new PodEnd(Kind.TERMINATED, null, reason, message, null, null, null, null);
    }
}

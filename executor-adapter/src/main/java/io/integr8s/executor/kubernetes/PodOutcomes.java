package io.integr8s.executor.kubernetes;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.executor.SandboxResult;

import java.time.Duration;

/**
 * The outcome of an ended pod, in the local sandbox's terms and order: the pod's deadline → timed out; output over the
 * limit → failed {@code resource_limit}; {@code OOMKilled} → failed {@code resource_limit} (memory); any other end by
 * the cluster → failed {@code system_error}; else the script's exit code ({@code script_error} if not 0). Pure.
 */
final class PodOutcomes {

    static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
    static final String OOM_KILLED = "OOMKilled";

    private PodOutcomes() {
    }

    static SandboxResult of(PodObservation pod, PodLog log, int outputLimit) {
        PodEnd end = pod.end();
        TerminationMessage usage = TerminationMessage.parse(end.terminationMessage());
        ResourceUsage resources = usage(end, usage);
        Integer exitCode = usage.exitCode() != null ? usage.exitCode() : end.exitCode();
        if (DEADLINE_EXCEEDED.equals(end.reason())) {
            return new SandboxResult(Outcome.TIMED_OUT, new ExecutionResult(-1, log.text(), "", log.exceeded(), false,
                    resources, ErrorType.TIMEOUT, "wall-clock limit of " + pod.deadlineSeconds() + " s exceeded"));
        }
        if (end.kind() == PodEnd.Kind.TERMINATED) {
            return SandboxResult.systemError("The pod " + pod.podName() + " ended without a result ("
                    + end.reason() + (end.message() == null ? "" : ": " + end.message()) + "); it is not re-run so "
                    + "that it never runs twice. Retry the execution; if this repeats, check the cluster's events for "
                    + "the pod");
        }
        if (log.exceeded()) {
            return new SandboxResult(Outcome.FAILED, new ExecutionResult(exitCode == null ? -1 : exitCode, log.text(),
                    "", true, false, resources, ErrorType.RESOURCE_LIMIT, "The script wrote more than " + outputLimit
                    + " bytes of output; only the first " + outputLimit + " are kept. Write less output"));
        }
        if (OOM_KILLED.equals(end.containerReason())) {
            return new SandboxResult(Outcome.FAILED, new ExecutionResult(exitCode, log.text(), "", false, false,
                    resources, ErrorType.RESOURCE_LIMIT, "memory limit of " + mebibytes(pod.memoryLimitBytes())
                    + " MiB exceeded"));
        }
        int code = exitCode == null ? -1 : exitCode;
        return new SandboxResult(Outcome.COMPLETED, new ExecutionResult(code, log.text(), "", false, false, resources,
                code == 0 ? null : ErrorType.SCRIPT_ERROR, null));
    }

    private static ResourceUsage usage(PodEnd end, TerminationMessage usage) {
        double wall = end.startedAt() == null || end.finishedAt() == null ? 0
                : Duration.between(end.startedAt(), end.finishedAt()).toMillis() / 1000.0;
        return new ResourceUsage(wall, usage.cpuUsageMicros(),
                usage.memoryPeakBytes() == null ? null : usage.memoryPeakBytes() / 1024);
    }

    private static String mebibytes(Long bytes) {
        return bytes == null ? "?" : String.valueOf(bytes / (1024 * 1024));
    }
}

package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.executor.RunLimits;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One row per phase and reason: pod status → lifecycle facts → outcome (the table in {@link PodStates}). */
class PodStatesTest {

    private static final String ID = ExecutionPodsTest.ID;
    private static final String USAGE = "{\"exit_code\":%d,\"cpu_usage_usec\":41000,\"memory_peak_bytes\":8388608}";

    /** facts: s = scheduled, r = running, end kind or "-"; problem: a start problem is seen. */
    record Row(String name, Pod pod, String facts, PodEnd.Kind end, boolean problem, Outcome outcome,
               ErrorType errorType, Integer exitCode, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                new Row("Pending, not bound", pod("Pending", null, null, null), "", null, false, null, null, null, null),
                new Row("Pending, bound to a node", pod("Pending", "node-1", null, waiting("ContainerCreating")), "s",
                        null, false, null, null, null, null),
                new Row("Pending, ErrImagePull", pod("Pending", "node-1", null, waiting("ErrImagePull")), "s", null,
                        true, null, null, null, null),
                new Row("Pending, ImagePullBackOff", pod("Pending", "node-1", null, waiting("ImagePullBackOff")), "s",
                        null, true, null, null, null, null),
                new Row("Pending, InvalidImageName", pod("Pending", "node-1", null, waiting("InvalidImageName")), "s",
                        null, true, null, null, null, null),
                new Row("Running", pod("Running", "node-1", null, new ContainerStateBuilder().withNewRunning()
                        .withStartedAt("2026-11-27T10:00:00Z").endRunning().build()), "sr", null, false, null, null,
                        null, null),
                new Row("Succeeded, exit 0", pod("Succeeded", "node-1", null, terminated(0, "Completed")), "sr",
                        PodEnd.Kind.SUCCEEDED, false, Outcome.COMPLETED, null, 0, null),
                new Row("Failed, exit 3", pod("Failed", "node-1", null, terminated(3, "Error")), "sr",
                        PodEnd.Kind.FAILED, false, Outcome.COMPLETED, ErrorType.SCRIPT_ERROR, 3, null),
                new Row("Failed, OOMKilled", pod("Failed", "node-1", null, terminated(137, "OOMKilled")), "sr",
                        PodEnd.Kind.FAILED, false, Outcome.FAILED, ErrorType.RESOURCE_LIMIT, 137,
                        "memory limit of 256 MiB exceeded"),
                new Row("Failed, DeadlineExceeded", pod("Failed", "node-1", "DeadlineExceeded",
                        terminated(137, "Error")), "sr", PodEnd.Kind.TERMINATED, false, Outcome.TIMED_OUT,
                        ErrorType.TIMEOUT, -1, "wall-clock limit of 8 s exceeded"),
                new Row("Failed, DeadlineExceeded before the container started", pod("Failed", "node-1",
                        "DeadlineExceeded", waiting("ContainerCreating")), "s", PodEnd.Kind.TERMINATED, false,
                        Outcome.TIMED_OUT, ErrorType.TIMEOUT, -1, "wall-clock limit of 8 s exceeded"),
                new Row("Failed, Evicted", pod("Failed", "node-1", "Evicted", terminated(137, "Error")), "sr",
                        PodEnd.Kind.TERMINATED, false, Outcome.FAILED, ErrorType.SYSTEM_ERROR, null,
                        "ended without a result (Evicted: the node ran out of memory)"),
                new Row("Unknown (node lost)", pod("Unknown", "node-1", null, null), "s", null, false, null, null,
                        null, null)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachPhaseAndReasonMapsToItsFactsAndOutcome(Row row) {
        PodObservation seen = PodStates.observe(row.pod());

        assertThat(seen.executionId()).isEqualTo(ID);
        assertThat((seen.scheduled() ? "s" : "") + (seen.running() ? "r" : "")).isEqualTo(row.facts());
        assertThat(seen.end() == null ? null : seen.end().kind()).isEqualTo(row.end());
        assertThat(seen.startProblem() != null).isEqualTo(row.problem());
        if (row.problem()) {
            assertThat(seen.startProblem()).startsWith(row.pod().getStatus().getContainerStatuses().get(0).getState()
                    .getWaiting().getReason() + ": ");
        }
        if (row.outcome() == null) {
            return;
        }
        SandboxResult result = PodOutcomes.of(seen, new PodLog("hi\n", false), 1000);
        assertThat(result.outcome()).isEqualTo(row.outcome());
        assertThat(result.result().errorType()).isEqualTo(row.errorType());
        assertThat(result.result().exitCode()).isEqualTo(row.exitCode());
        if (row.message() == null) {
            assertThat(result.result().message()).isNull();
        } else {
            assertThat(result.result().message()).contains(row.message());
        }
        if (row.errorType() != ErrorType.SYSTEM_ERROR) {
            assertThat(result.result().stdout()).isEqualTo("hi\n");
        }
        if (seen.running() && row.errorType() != ErrorType.SYSTEM_ERROR) {
            assertThat(result.result().resourceUsage().cpuTimeMicros()).isEqualTo(41000L);
            assertThat(result.result().resourceUsage().peakMemoryKb()).isEqualTo(8192L);
            assertThat(result.result().resourceUsage().wallTimeSeconds()).isEqualTo(2.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void outputOverTheLimitFailsLikeTheLocalSandboxUnlessTheDeadlineCameFirst(Row row) {
        PodObservation seen = PodStates.observe(row.pod());
        if (seen.end() == null || seen.end().kind() == PodEnd.Kind.TERMINATED) {
            return;
        }
        SandboxResult result = PodOutcomes.of(seen, new PodLog("x\n[output truncated: stdout exceeded 2 bytes]", true),
                2);
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.result().errorType()).isEqualTo(ErrorType.RESOURCE_LIMIT);
        assertThat(result.result().stdoutTruncated()).isTrue();
        assertThat(result.result().message()).startsWith("The script wrote more than 2 bytes of output");
    }

    private static Pod pod(String phase, String node, String reason, ContainerState state) {
        Pod pod = new ExecutionPods(ExecutionPodsTest.properties(null, null)).pod(new SandboxSpec(ID, "print(1)",
                "python", "3.11", Duration.ofSeconds(8), new RunLimits(256L * 1024 * 1024, 1.0)),
                ExecutorNames.of(ID), KubernetesExecutorProperties.DEFAULT_RUNTIMES.get(0));
        pod.getSpec().setNodeName(node);
        PodStatusBuilder status = new PodStatusBuilder().withPhase(phase).withReason(reason)
                .withMessage("Evicted".equals(reason) ? "the node ran out of memory" : null);
        if (state != null) {
            status.withContainerStatuses(new ContainerStatusBuilder().withName("script").withState(state).build());
        }
        return new PodBuilder(pod).withStatus(status.build()).build();
    }

    private static ContainerState waiting(String reason) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage("details of " + reason)
                .endWaiting().build();
    }

    private static ContainerState terminated(int exitCode, String reason) {
        return new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode).withReason(reason)
                .withMessage(USAGE.formatted(exitCode)).withStartedAt("2026-11-27T10:00:00Z")
                .withFinishedAt("2026-11-27T10:00:02Z").endTerminated().build();
    }
}

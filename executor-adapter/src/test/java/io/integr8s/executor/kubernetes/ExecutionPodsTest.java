package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.integr8s.executor.RunLimits;
import io.integr8s.executor.SandboxSpec;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionPodsTest {

    static final String ID = "0b7e4a52-9d1c-4a8e-b0a5-3f2d9c1e7a10";

    static KubernetesExecutorProperties properties(Boolean hostUsers, String runtimeClass) {
        return new KubernetesExecutorProperties("integr8s-test", null, runtimeClass, hostUsers, 10001L, null, null,
                DataSize.ofMegabytes(32), null, null, null, null, null, null);
    }

    private static final KubernetesRuntime PYTHON = KubernetesExecutorProperties.DEFAULT_RUNTIMES.get(0);
    private static final SandboxSpec SPEC = new SandboxSpec(ID, "print('hi'); import os", "python", "3.11",
            Duration.ofMillis(7500), new RunLimits(256L * 1024 * 1024, 0.5));

    private final ExecutionPods pods = new ExecutionPods(properties(false, "gvisor"));
    private final ExecutorNames names = ExecutorNames.of(ID);
    private final Pod pod = pods.pod(SPEC, names, PYTHON);
    private final PodSpec spec = pod.getSpec();
    private final Container container = spec.getContainers().get(0);

    @Test
    void namesAndLabelsComeFromTheExecutionId() {
        assertThat(pod.getMetadata().getName()).isEqualTo("sandbox-" + ID);
        assertThat(pod.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("app", "integr8s",
                "component", "executor", "integr8s.io/execution-id", ID));
    }

    @Test
    void thePodRunsOnceWithinItsDeadlineAndSeesNothingOfTheCluster() {
        assertThat(spec.getRestartPolicy()).isEqualTo("Never");
        assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(8L);
        assertThat(spec.getAutomountServiceAccountToken()).isFalse();
        assertThat(spec.getEnableServiceLinks()).isFalse();
        assertThat(spec.getDnsPolicy()).isEqualTo("None");
        assertThat(spec.getDnsConfig().getNameservers()).containsExactly("127.0.0.1");
        assertThat(spec.getDnsConfig().getSearches()).isEmpty();
        assertThat(spec.getHostUsers()).isFalse();
        assertThat(spec.getRuntimeClassName()).isEqualTo("gvisor");
        assertThat(spec.getHostNetwork()).isNull();
        assertThat(spec.getHostPID()).isNull();
        assertThat(spec.getHostIPC()).isNull();
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(spec.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(spec.getSecurityContext().getRunAsGroup()).isEqualTo(10001L);
        assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void withoutTheOptionsHostUsersAndRuntimeClassAreLeftToTheCluster() {
        PodSpec plain = new ExecutionPods(properties(null, null)).pod(SPEC, names, PYTHON).getSpec();
        assertThat(plain.getHostUsers()).isNull();
        assertThat(plain.getRuntimeClassName()).isNull();
    }

    @Test
    void theContainerIsLockedDown() {
        SecurityContext security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(10001L);
        assertThat(security.getRunAsGroup()).isEqualTo(10001L);
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getPrivileged()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(container.getStdin()).isNull();
    }

    @Test
    void theScriptIsAFileAndTheCommandIsArgvOnly() {
        assertThat(container.getImage()).isEqualTo("python:3.11-slim");
        assertThat(container.getCommand()).containsExactly("/bin/sh", "/sandbox/entrypoint.sh",
                "/usr/local/bin/python3", "-I", "-B", "-u", "/sandbox/main.py");
        assertThat(container.getArgs()).isEmpty();
        assertThat(String.join(" ", container.getCommand())).doesNotContain("print");
        assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("HOME=/tmp", "LANG=C.UTF-8");
    }

    @Test
    void requestsAndLimitsAreTheRunsLimits() {
        Map<String, Quantity> expected = Map.of("memory", new Quantity("268435456"), "cpu", new Quantity("500m"));
        assertThat(container.getResources().getLimits()).isEqualTo(expected);
        assertThat(container.getResources().getRequests()).isEqualTo(expected);
        Map<String, Quantity> configured = pods.pod(new SandboxSpec(ID, "x", "python", "3.11", Duration.ofSeconds(1)),
                names, PYTHON).getSpec().getContainers().get(0).getResources().getLimits();
        assertThat(configured).isEqualTo(Map.of("memory", new Quantity("134217728"), "cpu", new Quantity("1")));
    }

    @Test
    void theScriptIsMountedReadOnlyAndTmpIsASizeLimitedMemoryDisk() {
        assertThat(container.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath() + ":" + m.getReadOnly())
                .containsExactly("script:/sandbox:true", "tmp:/tmp:null");
        Volume script = spec.getVolumes().get(0);
        assertThat(script.getConfigMap().getName()).isEqualTo("sandbox-" + ID);
        assertThat(script.getConfigMap().getDefaultMode()).isEqualTo(0444);
        assertThat(script.getConfigMap().getItems()).extracting(i -> i.getKey() + ":" + i.getPath() + ":" + i.getMode())
                .containsExactly("main.py:main.py:292", "entrypoint.sh:entrypoint.sh:292");
        Volume tmp = spec.getVolumes().get(1);
        assertThat(tmp.getEmptyDir().getMedium()).isEqualTo("Memory");
        assertThat(tmp.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity(String.valueOf(32L * 1024 * 1024)));
    }

    @Test
    void theConfigMapHoldsTheScriptAndTheEntrypointAndIsOwnedByThePod() {
        ConfigMap configMap = pods.configMap(SPEC, names, PYTHON);
        assertThat(configMap.getMetadata().getLabels()).containsEntry("integr8s.io/execution-id", ID);
        assertThat(configMap.getImmutable()).isTrue();
        assertThat(configMap.getData()).containsOnlyKeys("main.py", "entrypoint.sh")
                .containsEntry("main.py", SPEC.script()).containsEntry("entrypoint.sh", Entrypoint.TEXT);
        pod.getMetadata().setUid("uid-1");
        ConfigMap owned = ExecutionPods.ownedBy(configMap, pod);
        assertThat(owned.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Pod");
            assertThat(owner.getName()).isEqualTo(pod.getMetadata().getName());
            assertThat(owner.getUid()).isEqualTo("uid-1");
        });
    }

    @Test
    void idsThatCannotNameAPodAreRefused() {
        assertThatThrownBy(() -> ExecutorNames.of("Upper-Case")).hasMessageContaining("DNS-1123");
        assertThatThrownBy(() -> ExecutorNames.of("a".repeat(60))).hasMessageContaining("DNS-1123");
        assertThatThrownBy(() -> ExecutorNames.of("../x")).hasMessageContaining("cannot name a sandbox");
        assertThat(ExecutorNames.of(ID).podName()).isEqualTo("sandbox-" + ID);
    }

    @Test
    void aRuntimeEnvironmentIsCheckedAndPassedAsVariables() {
        assertThatThrownBy(() -> new KubernetesRuntime("x", "1", "img", "x", List.of("x"), List.of("LD_PRELOAD=/x")))
                .hasMessageContaining("NAME=value");
        KubernetesRuntime go = KubernetesExecutorProperties.DEFAULT_RUNTIMES.get(4);
        assertThat(pods.pod(SPEC, names, go).getSpec().getContainers().get(0).getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue()).contains("GOCACHE=/tmp/.integr8s-go/cache");
    }
}

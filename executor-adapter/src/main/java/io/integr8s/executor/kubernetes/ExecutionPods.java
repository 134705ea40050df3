package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.integr8s.executor.RunLimits;
import io.integr8s.executor.SandboxSpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the two objects of one execution: the ConfigMap with the script and the {@link Entrypoint}, and the hardened
 * pod that runs it. Pure: nothing here talks to the cluster.
 */
final class ExecutionPods {

    static final String CONTAINER = "script";
    static final String SCRIPT_DIR = "/sandbox";
    static final String TERMINATION_LOG = "/dev/termination-log";
    private static final String SCRIPT_VOLUME = "script";
    private static final String TMP_VOLUME = "tmp";
    /** Read-only for everyone: the script and the entrypoint are read by the shell and the runtime, never executed. */
    private static final int READ_ONLY = 0444;

    private final KubernetesExecutorProperties properties;

    ExecutionPods(KubernetesExecutorProperties properties) {
        this.properties = properties;
    }

    static Map<String, String> labels(ExecutorNames names) {
        return Map.of(ExecutorNames.APP_LABEL, ExecutorNames.APP, ExecutorNames.COMPONENT_LABEL, ExecutorNames.COMPONENT,
                ExecutorNames.EXECUTION_ID_LABEL, names.executionId());
    }

    static String scriptFile(KubernetesRuntime runtime) {
        return "main." + runtime.fileExtension();
    }

    ConfigMap configMap(SandboxSpec spec, ExecutorNames names, KubernetesRuntime runtime) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(names.configMapName()).withLabels(labels(names)).endMetadata()
                .withImmutable(true)
                .withData(Map.of(scriptFile(runtime), spec.script(), Entrypoint.FILE, Entrypoint.TEXT))
                .build();
    }

    /** The ConfigMap owned by its created pod, so that deleting the pod removes it too. */
    static ConfigMap ownedBy(ConfigMap configMap, Pod pod) {
        return new ConfigMapBuilder(configMap).editMetadata()
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
                        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
                        .withBlockOwnerDeletion(false).withController(false).build())
                .endMetadata().build();
    }

    Pod pod(SandboxSpec spec, ExecutorNames names, KubernetesRuntime runtime) {
        String scriptPath = SCRIPT_DIR + "/" + scriptFile(runtime);
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT_DIR + "/" + Entrypoint.FILE));
        command.addAll(runtime.commandFor(scriptPath));
        Map<String, Quantity> resources = resources(spec.limits());
        long uid = properties.runAsUser();
        return new PodBuilder()
                .withNewMetadata().withName(names.podName()).withLabels(labels(names)).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withActiveDeadlineSeconds(Math.max(1, (long) Math.ceil(spec.timeout().toMillis() / 1000.0)))
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withDnsPolicy("None")
                .withNewDnsConfig().withNameservers("127.0.0.1").endDnsConfig()
                .withHostUsers(properties.hostUsers())
                .withRuntimeClassName(properties.runtimeClassName())
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(uid).withRunAsGroup(uid)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(runtime.image())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(command)
                .withWorkingDir("/tmp")
                .withEnv(environment(runtime))
                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(uid).withRunAsGroup(uid)
                .withAllowPrivilegeEscalation(false).withPrivileged(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewVolumeMount().withName(SCRIPT_VOLUME).withMountPath(SCRIPT_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .withTerminationMessagePath(TERMINATION_LOG)
                .withTerminationMessagePolicy("File")
                .endContainer()
                .addNewVolume().withName(SCRIPT_VOLUME).withNewConfigMap().withName(names.configMapName())
                .withDefaultMode(READ_ONLY)
                .withItems(new KeyToPath(scriptFile(runtime), READ_ONLY, scriptFile(runtime)),
                        new KeyToPath(Entrypoint.FILE, READ_ONLY, Entrypoint.FILE))
                .endConfigMap().endVolume()
                .addNewVolume().withName(TMP_VOLUME).withNewEmptyDir().withMedium("Memory")
                .withSizeLimit(new Quantity(String.valueOf(properties.tmp().toBytes()))).endEmptyDir().endVolume()
                .endSpec()
                .build();
    }

    private Map<String, Quantity> resources(RunLimits limits) {
        long memory = limits.memoryBytes() != null ? limits.memoryBytes() : properties.memory().toBytes();
        Quantity cpu = limits.cpus() != null
                ? new Quantity(BigDecimal.valueOf(limits.cpus()).movePointRight(3).setScale(0, java.math.RoundingMode.CEILING)
                + "m")
                : new Quantity(properties.cpu());
        return Map.of("memory", new Quantity(String.valueOf(memory)), "cpu", cpu);
    }

    private static List<EnvVar> environment(KubernetesRuntime runtime) {
        List<EnvVar> env = new ArrayList<>(List.of(new EnvVar("HOME", "/tmp", null), new EnvVar("LANG", "C.UTF-8", null)));
        for (String entry : runtime.environment()) {
            int equals = entry.indexOf('=');
            env.add(new EnvVar(entry.substring(0, equals), entry.substring(equals + 1), null));
        }
        return env;
    }
}

package io.integr8s.executor.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretEnvSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.integr8s.executor.manifests.KubernetesManifests.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collector;
import java.util.stream.Collectors;

import static io.integr8s.executor.manifests.KubernetesManifests.K8S;
import static org.assertj.core.api.Assertions.assertThat;

/** The security properties of k8s/ (no cluster here: the manifests are checked as parsed by fabric8). */
class KubernetesManifestsTest {

    private static final Map<String, String> EXECUTOR_POD = Map.of("app", "integr8s", "component", "executor");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential).*");

    @Test
    void everyManifestParsesAndTheBaseKustomizationListsEveryBaseManifest() throws IOException {
        List<Manifest> manifests = KubernetesManifests.all();
        assertThat(manifests).hasSizeGreaterThan(10).allSatisfy(manifest ->
                assertThat(manifest.resource()).as(manifest.file().toString()).isInstanceOf(HasMetadata.class));

        GenericKubernetesResource base = manifests.stream()
                .filter(manifest -> manifest.file().equals(K8S.resolve("base/kustomization.yaml")))
                .map(manifest -> manifest.as(GenericKubernetesResource.class)).findFirst().orElseThrow();
        assertThat(base.getKind()).isEqualTo("Kustomization");
        try (var files = Files.list(K8S.resolve("base"))) {
            Set<String> baseManifests = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).collect(Collectors.toSet());
            assertThat(base.<List<String>>get("resources")).containsExactlyInAnyOrderElementsOf(baseManifests);
        }
    }

    @Test
    void theNamespaceEnforcesAuditsAndWarnsOnThePodSecurityStandardRestricted() {
        assertThat(KubernetesManifests.ofType(Namespace.class)).singleElement().satisfies(namespace ->
                assertThat(namespace.getMetadata().getLabels()).contains(
                        Map.entry("pod-security.kubernetes.io/enforce", "restricted"),
                        Map.entry("pod-security.kubernetes.io/audit", "restricted"),
                        Map.entry("pod-security.kubernetes.io/warn", "restricted")));
    }

    @Test
    void everyContainerRunsNonRootReadOnlyWithoutPrivilegesCapabilitiesOrSyscallsBeyondTheRuntimeDefault() {
        List<Deployment> deployments = KubernetesManifests.ofType(Deployment.class);
        assertThat(deployments).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrder("integr8s-api", "integr8s-worker", "integr8s-projections");
        for (Deployment deployment : deployments) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podSecurity = Objects.requireNonNullElseGet(pod.getSecurityContext(), PodSecurityContext::new);
            assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getHostPath()).isNull());
            assertThat(pod.getInitContainers()).isEmpty();
            for (Container container : pod.getContainers()) {
                String where = deployment.getMetadata().getName() + "/" + container.getName();
                SecurityContext security = container.getSecurityContext();
                assertThat(security).as(where).isNotNull();
                assertThat(firstSet(security.getRunAsNonRoot(), podSecurity.getRunAsNonRoot())).as(where).isTrue();
                assertThat(firstSet(security.getRunAsUser(), podSecurity.getRunAsUser())).as(where).isPositive();
                assertThat(security.getReadOnlyRootFilesystem()).as(where).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(security.getPrivileged()).as(where).isNotEqualTo(Boolean.TRUE);
                assertThat(security.getCapabilities().getDrop()).as(where).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).as(where).isEmpty();
                assertThat(firstSet(security.getSeccompProfile(), podSecurity.getSeccompProfile()).getType())
                        .as(where).isEqualTo("RuntimeDefault");
                assertThat(container.getVolumeMounts()).as(where)
                        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            }
        }
    }

    @Test
    void everyContainerHasHealthProbesAndResourceRequestsAndLimits() {
        for (Deployment deployment : KubernetesManifests.ofType(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String where = deployment.getMetadata().getName() + "/" + container.getName();
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(where).isEqualTo("/actuator/health/liveness");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(where).isEqualTo("/actuator/health/readiness");
                assertThat(container.getResources().getRequests()).as(where).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(where).containsKeys("cpu", "memory");
            }
        }
    }

    @Test
    void onlyTheWorkerCarriesAServiceAccountTokenAndItsRoleIsLimitedToSandboxPodsInTheNamespace() {
        for (Deployment deployment : KubernetesManifests.ofType(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            if (deployment.getMetadata().getName().equals("integr8s-worker")) {
                assertThat(pod.getServiceAccountName()).isEqualTo("integr8s-executor");
            } else {
                assertThat(pod.getServiceAccountName()).as(deployment.getMetadata().getName()).isEqualTo("integr8s-app");
                assertThat(pod.getAutomountServiceAccountToken()).as(deployment.getMetadata().getName()).isFalse();
            }
        }
        assertThat(KubernetesManifests.ofType(ServiceAccount.class)).filteredOn(account ->
                account.getMetadata().getName().equals("integr8s-app"))
                .singleElement().satisfies(account -> assertThat(account.getAutomountServiceAccountToken()).isFalse());

        assertThat(KubernetesManifests.ofType(ClusterRole.class)).isEmpty();
        assertThat(KubernetesManifests.ofType(ClusterRoleBinding.class)).isEmpty();
        Role role = KubernetesManifests.ofType(Role.class).stream().collect(onlyOne());
        assertThat(role.getMetadata().getName()).isEqualTo("integr8s-executor");
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).isSubsetOf("pods", "pods/log", "configmaps");
            assertThat(rule.getVerbs()).isSubsetOf("create", "get", "list", "watch", "delete");
            assertThat(rule.getResourceNames()).isEmpty();
        }
        assertThat(role.getRules()).flatExtracting(PolicyRule::getResources)
                .containsExactlyInAnyOrder("pods", "configmaps", "pods/log");

        RoleBinding binding = KubernetesManifests.ofType(RoleBinding.class).stream().collect(onlyOne());
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo("integr8s-executor");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("integr8s-executor");
        });
    }

    @Test
    void executorPodsAreDeniedAllTrafficByTheStandardPolicyAndByCilium() {
        List<NetworkPolicy> selectingExecutors = KubernetesManifests.ofType(NetworkPolicy.class).stream()
                .filter(policy -> selects(policy.getSpec().getPodSelector(), EXECUTOR_POD)).toList();
        assertThat(selectingExecutors).singleElement().satisfies(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(EXECUTOR_POD);
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getIngress()).isEmpty();
            assertThat(policy.getSpec().getEgress()).isEmpty();
        });

        assertThat(KubernetesManifests.generic("CiliumNetworkPolicy")).singleElement().satisfies(cilium -> {
            assertThat(cilium.getApiVersion()).isEqualTo("cilium.io/v2");
            assertThat(cilium.<Map<String, String>>get("spec", "endpointSelector", "matchLabels")).isEqualTo(EXECUTOR_POD);
            assertThat(cilium.<List<Map<String, List<String>>>>get("spec", "ingressDeny"))
                    .containsExactly(Map.of("fromEntities", List.of("all")));
            assertThat(cilium.<List<Map<String, List<String>>>>get("spec", "egressDeny"))
                    .containsExactly(Map.of("toEntities", List.of("all")));
            assertThat(cilium.<Object>get("spec", "ingress")).isNull();
            assertThat(cilium.<Object>get("spec", "egress")).isNull();
        });
    }

    @Test
    void theManifestsHoldNoSecretValueOnlyTheSecretsName() {
        assertThat(KubernetesManifests.ofType(Secret.class)).allSatisfy(secret -> {
            assertThat(secret.getData()).isNullOrEmpty();
            assertThat(secret.getStringData()).isNullOrEmpty();
        });
        assertThat(KubernetesManifests.ofType(ConfigMap.class)).flatExtracting(map -> map.getData().keySet())
                .noneMatch(key -> SECRET_NAME.matcher(key).matches());
        for (Deployment deployment : KubernetesManifests.ofType(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                assertThat(container.getEnv()).filteredOn(env -> SECRET_NAME.matcher(env.getName()).matches())
                        .allSatisfy(env -> assertThat(env.getValue()).isNull());
                assertThat(container.getEnvFrom()).extracting(EnvFromSource::getSecretRef).filteredOn(Objects::nonNull)
                        .extracting(SecretEnvSource::getName).containsExactly("integr8s-secrets");
            }
        }
    }

    @Test
    void theSetupScriptRefusesTheDefaultNamespaceAndAMissingOneBeforeCallingKubectl(@TempDir Path bin)
            throws IOException, InterruptedException {
        Path called = bin.resolve("kubectl-was-called");
        Path kubectl = bin.resolve("kubectl");
        Files.writeString(kubectl, "#!/bin/sh\ntouch '" + called + "'\n");
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run refusedDefault = setup(bin, "default");
        Run noNamespace = setup(bin);

        assertThat(refusedDefault.exitCode()).isNotZero();
        assertThat(refusedDefault.stderr()).contains("refusing namespace 'default'");
        assertThat(noNamespace.exitCode()).isNotZero();
        assertThat(noNamespace.stderr()).contains("usage: k8s/setup_k8s.sh <namespace>");
        assertThat(called).doesNotExist();
    }

    private record Run(int exitCode, String stderr) {
    }

    private static Run setup(Path bin, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", K8S.resolve("setup_k8s.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("setup_k8s.sh ended").isTrue();
        return new Run(process.exitValue(), stderr);
    }

    private static <T> T firstSet(T container, T pod) {
        return container != null ? container : pod;
    }

    private static <T> Collector<T, ?, T> onlyOne() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }

    /** Kubernetes label-selector semantics (matchLabels and the four matchExpressions operators). */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        boolean labelsMatch = selector.getMatchLabels() == null || selector.getMatchLabels().entrySet().stream()
                .allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
        return labelsMatch && selector.getMatchExpressions().stream().allMatch(requirement -> holds(requirement, labels));
    }

    private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown selector operator " + requirement.getOperator());
        };
    }
}

package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.integr8s.executor.ExecutionBackend;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs every execution as its own pod. Once only: an existing pod counts as created; otherwise the sandbox is claimed
 * from the aggregate ({@code RecordPodCreated}, granted once) and, after the caller's unit of work committed, the pod
 * is created, then its ConfigMap owned by it (a pod whose ConfigMap is not there yet waits for the volume, so the
 * order costs nothing, and the ConfigMap is never without owner). What happens to the pod is reported by the
 * {@link PodMonitor}.
 */
public class KubernetesExecutionBackend implements ExecutionBackend {

    private static final Logger log = LoggerFactory.getLogger(KubernetesExecutionBackend.class);

    private final KubernetesClient client;
    private final KubernetesExecutorProperties properties;
    private final ExecutionReporter reporter;
    private final ExecutionPods pods;
    private final Map<String, KubernetesRuntime> runtimes;

    KubernetesExecutionBackend(KubernetesClient client, KubernetesExecutorProperties properties,
                               ExecutionReporter reporter) {
        this.client = client;
        this.properties = requireUsableNamespace(properties);
        this.reporter = reporter;
        this.pods = new ExecutionPods(properties);
        this.runtimes = properties.runtimes().stream()
                .collect(Collectors.toMap(r -> r.lang() + " " + r.version(), r -> r, (first, second) -> first));
    }

    /** Execution pods never go to {@code default}: it has no Pod Security labels, quotas or network policies of ours. */
    static KubernetesExecutorProperties requireUsableNamespace(KubernetesExecutorProperties properties) {
        if ("default".equals(properties.namespace())) {
            throw new IllegalStateException("The Kubernetes executor refuses to run execution pods in the namespace "
                    + "'default'; create a dedicated one (k8s/setup_k8s.sh <namespace>) and set "
                    + "integr8s.executor.kubernetes.namespace to it");
        }
        return properties;
    }

    @Override
    public void create(SandboxSpec spec) {
        ExecutorNames names = ExecutorNames.of(spec.executionId());
        if (pod(names) != null) {
            log.debug("Pod {} exists already; execution {} counts as created", names.podName(), names.executionId());
            return;
        }
        if (!reporter.claimSandbox(names.executionId(), names.podName())) {
            log.debug("Execution {} refused the sandbox (already created or ended); no pod", names.executionId());
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unit -> createObjects(spec, names));
        } else {
            createObjects(spec, names);
        }
    }

    private void createObjects(SandboxSpec spec, ExecutorNames names) {
        KubernetesRuntime runtime = runtimes.get(spec.lang() + " " + spec.langVersion());
        if (runtime == null) {
            reporter.finished(names.executionId(), SandboxResult.systemError("No image is configured for "
                    + spec.lang() + " " + spec.langVersion() + "; add it to integr8s.executor.kubernetes.runtimes"));
            return;
        }
        try {
            Pod pod = createIfAbsent(pods.pod(spec, names, runtime));
            ConfigMap configMap = ExecutionPods.ownedBy(pods.configMap(spec, names, runtime), pod);
            createIfAbsent(configMap);
            log.info("Execution {} runs in pod {}/{} ({})", names.executionId(), properties.namespace(),
                    names.podName(), runtime.image());
        } catch (KubernetesClientException e) {
            log.error("Could not create pod {} for execution {}", names.podName(), names.executionId(), e);
            reporter.finished(names.executionId(), SandboxResult.systemError("Could not create the pod "
                    + names.podName() + " in namespace " + properties.namespace() + ": " + e.getMessage()
                    + ". Check that the namespace exists and the executor's service account may create pods and "
                    + "configmaps there (k8s/setup_k8s.sh)"));
        }
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T createIfAbsent(T object) {
        try {
            return client.resource(object).inNamespace(properties.namespace()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            T existing = (T) client.resources(object.getClass()).inNamespace(properties.namespace())
                    .withName(object.getMetadata().getName()).get();
            return existing;
        }
    }

    /** Deletes the pod and its ConfigMap (also explicitly: garbage collection may lag or not run at all). */
    @Override
    public void delete(String executionId) {
        ExecutorNames names = ExecutorNames.of(executionId);
        client.pods().inNamespace(properties.namespace()).withName(names.podName()).delete();
        client.configMaps().inNamespace(properties.namespace()).withName(names.configMapName()).delete();
        reporter.sandboxDeleted(executionId);
    }

    @Override
    public boolean isActive(String executionId) {
        Pod pod = pod(ExecutorNames.of(executionId));
        return pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
    }

    private Pod pod(ExecutorNames names) {
        return client.pods().inNamespace(properties.namespace()).withName(names.podName()).get();
    }
}

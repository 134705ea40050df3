package io.integr8s.api.flow;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A stand-in for a node's kubelet on the mock API server: for each new execution pod it reads the script from its
 * ConfigMap, really runs the pod's argv (after the entrypoint) with this machine's python3, and moves the pod through
 * Pending → Running → Succeeded/Failed with container states and the termination message as a kubelet would. It
 * enforces {@code activeDeadlineSeconds} (kill, phase Failed, reason {@code DeadlineExceeded}) and serves the log
 * (the CRUD mock cannot serve {@code pods/log}: an expectation does).
 */
final class TestKubelet implements AutoCloseable {

    static final String NODE = "test-node";
    /** The image's interpreters and where this machine has them. */
    private static final Map<String, String> HOST_BINARIES = Map.of("/usr/local/bin/python3", "/usr/bin/python3");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final String namespace;
    private final Path workDir;
    private final ExecutorService runs = Executors.newCachedThreadPool();
    private final SharedIndexInformer<Pod> informer;

    TestKubelet(KubernetesMockServer server, KubernetesClient client, String namespace, Path workDir) {
        this.server = server;
        this.client = client;
        this.namespace = namespace;
        this.workDir = workDir;
        this.informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                runs.execute(() -> run(pod));
            }

            @Override
            public void onUpdate(Pod previous, Pod pod) {
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
            }
        });
    }

    private void run(Pod pod) {
        String name = pod.getMetadata().getName();
        ConfigMap script = await().atMost(Duration.ofSeconds(10))
                .until(() -> client.configMaps().inNamespace(namespace).withName(name).get(), c -> c != null);
        Path dir = stage(name, script);
        Container container = pod.getSpec().getContainers().get(0);
        Instant started = Instant.now();
        update(name, pod, new PodStatusBuilder().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
                .withName(container.getName()).withState(new ContainerStateBuilder().withNewRunning()
                        .withStartedAt(started.toString()).endRunning().build()).build()).build());
        try {
            Path output = dir.resolve("log");
            Process process = new ProcessBuilder(argv(container, dir)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            boolean exited = process.waitFor(pod.getSpec().getActiveDeadlineSeconds(), TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            server.expect().get().withPath("/api/v1/namespaces/" + namespace + "/pods/" + name
                    + "/log?pretty=false&container=" + container.getName()).andReturn(200, log).always();
            int code = exited ? process.exitValue() : 137;
            String finished = Instant.now().toString();
            update(name, pod, new PodStatusBuilder().withPhase(exited && code == 0 ? "Succeeded" : "Failed")
                    .withReason(exited ? null : "DeadlineExceeded")
                    .withMessage(exited ? null : "Pod was active on the node longer than the specified deadline")
                    .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
                            .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(code)
                                    .withReason(code == 0 ? "Completed" : "Error")
                                    .withMessage(exited ? "{\"exit_code\":" + code + ",\"cpu_usage_usec\":null,"
                                            + "\"memory_peak_bytes\":null}" : null)
                                    .withStartedAt(started.toString()).withFinishedAt(finished).endTerminated().build())
                            .build()).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pod's argv after the entrypoint, with the image's paths mapped to this machine's. */
    private static List<String> argv(Container container, Path dir) {
        List<String> argv = new ArrayList<>();
        for (String arg : container.getCommand().subList(2, container.getCommand().size())) {
            String mapped = HOST_BINARIES.getOrDefault(arg, arg);
            argv.add(mapped.startsWith("/sandbox/") ? dir.resolve(mapped.substring("/sandbox/".length())).toString()
                    : mapped);
        }
        return argv;
    }

    private Path stage(String name, ConfigMap script) {
        try {
            Path dir = Files.createDirectories(workDir.resolve(name));
            for (Map.Entry<String, String> file : script.getData().entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void update(String name, Pod created, io.fabric8.kubernetes.api.model.PodStatus status) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        if (pod == null) {
            return; // deleted meanwhile (the execution ended)
        }
        pod.getSpec().setNodeName(NODE);
        pod.setStatus(status);
        client.resource(pod).inNamespace(namespace).update();
    }

    @Override
    public void close() {
        informer.close();
        runs.shutdownNow();
    }
}

package io.integr8s.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.integr8s.command.execution.Execution;
import io.integr8s.command.execution.api.AdmitExecution;
import io.integr8s.command.execution.api.CancelExecution;
import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.execution.api.PodRunning;
import io.integr8s.command.execution.api.PodScheduled;
import io.integr8s.command.execution.api.PodSucceeded;
import io.integr8s.command.execution.api.PodTerminated;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.execution.api.RequestExecution;
import io.integr8s.command.runtime.LanguageRuntime;
import io.integr8s.command.runtime.RuntimeRegistry;
import io.integr8s.command.sandbox.api.CreateSandbox;
import io.integr8s.command.sandbox.api.DeleteSandbox;
import io.integr8s.executor.DelegatingBackend;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.SandboxCommandHandler;
import io.integr8s.executor.StoredEvents;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kubernetes backend on fabric8's mock API server (CRUD mode) behind Axon's command bus, against the real
 * {@link Execution} aggregate; pod status is moved by hand as a kubelet would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesExecutionBackendTest {

    private static final String NAMESPACE = "integr8s-test";

    KubernetesMockServer server;
    KubernetesClient client;

    private Configuration axon;
    private KubernetesExecutionBackend backend;
    private ExecutionReporter reporter;
    private PodMonitor monitor;

    static KubernetesExecutorProperties properties(String namespace, Duration startTimeout) {
        return new KubernetesExecutorProperties(namespace, null, null, null, null, null, null, null,
                DataSize.ofBytes(64), startTimeout, startTimeout, null, null, null);
    }

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Execution.class)
                .registerComponent(RuntimeRegistry.class, c -> new RuntimeRegistry(List.of(
                        new LanguageRuntime("python", List.of("3.11"), "py"))))
                .registerCommandHandler(c -> new SandboxCommandHandler(new DelegatingBackend(() -> backend)))
                .buildConfiguration();
        axon.start();
        reporter = new ExecutionReporter(axon.commandGateway());
        backend = new KubernetesExecutionBackend(client, properties(NAMESPACE, Duration.ofSeconds(1)), reporter);
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
        axon.shutdown();
    }

    @Test
    void theDefaultNamespaceIsRefused() {
        assertThatThrownBy(() -> new KubernetesExecutionBackend(client, properties("default", null), reporter))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refuses to run execution pods in the namespace 'default'")
                .hasMessageContaining("integr8s.executor.kubernetes.namespace");
    }

    @Test
    void creatingTwiceMakesOnePodWhoseConfigMapItOwns() {
        String id = scheduled();
        axon.commandGateway().sendAndWait(createSandbox(id));
        axon.commandGateway().sendAndWait(createSandbox(id));
        // another executor that knows nothing of the first: the existing pod counts as created
        new KubernetesExecutionBackend(client, properties(NAMESPACE, null), reporter)
                .create(io.integr8s.executor.SandboxSpec.of(createSandbox(id)));

        assertThat(count(id, PodCreated.class)).isEqualTo(1);
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).hasSize(1);
        Pod pod = pod(id);
        ConfigMap configMap = client.configMaps().inNamespace(NAMESPACE).withName("sandbox-" + id).get();
        assertThat(configMap.getData()).containsEntry("main.py", "print('hello')");
        assertThat(configMap.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(pod.getMetadata().getUid()).isNotNull());
    }

    @Test
    void theMonitorReportsThePodsStoryAndTheResultAndDeleteRemovesPodAndConfigMap() {
        startMonitor();
        String id = scheduled();
        axon.commandGateway().sendAndWait(createSandbox(id));
        server.expect().get().withPath(logPath(id)).andReturn(200, "hello\nmore than sixty-four bytes of output "
                + "so that the cap of this test cuts it off\n").always();

        setStatus(id, new PodStatusBuilder().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
                .withName("script").withState(new ContainerStateBuilder().withNewRunning()
                        .withStartedAt("2026-11-27T10:00:00Z").endRunning().build()).build()).build(), "node-7");
        awaitEvent(id, PodRunning.class);
        setStatus(id, new PodStatusBuilder().withPhase("Succeeded").withContainerStatuses(new ContainerStatusBuilder()
                .withName("script").withState(new ContainerStateBuilder().withNewTerminated().withExitCode(0)
                        .withReason("Completed").withMessage("{\"exit_code\":0,\"cpu_usage_usec\":1200,"
                                + "\"memory_peak_bytes\":4096}")
                        .withStartedAt("2026-11-27T10:00:00Z").withFinishedAt("2026-11-27T10:00:01Z")
                        .endTerminated().build()).build()).build(), "node-7");

        ExecutionFailed failed = awaitEvent(id, ExecutionFailed.class);
        assertThat(failed.result().errorType()).isEqualTo(ErrorType.RESOURCE_LIMIT);
        assertThat(failed.result().stdout()).startsWith("hello\nmore than")
                .endsWith("\n[output truncated: stdout exceeded 64 bytes]");
        assertThat(failed.result().resourceUsage().cpuTimeMicros()).isEqualTo(1200L);
        assertThat(awaitEvent(id, PodScheduled.class).nodeName()).isEqualTo("node-7");
        assertThat(awaitEvent(id, PodSucceeded.class).exitCode()).isZero();
        assertThat(types(id)).containsSubsequence("PodCreated", "PodScheduled", "ExecutionStarted", "PodRunning",
                "PodSucceeded", "ExecutionFailed");

        axon.commandGateway().sendAndWait(new DeleteSandbox(id, "failed"));
        assertThat(pod(id)).isNull();
        assertThat(client.configMaps().inNamespace(NAMESPACE).withName("sandbox-" + id).get()).isNull();
        assertThat(count(id, PodDeleted.class)).isEqualTo(1);
    }

    @Test
    void aPodThatCannotPullItsImageEndsSystemErrorAfterTheStartTimeout() {
        startMonitor();
        String id = scheduled();
        axon.commandGateway().sendAndWait(createSandbox(id));
        setStatus(id, new PodStatusBuilder().withPhase("Pending").withContainerStatuses(new ContainerStatusBuilder()
                .withName("script").withState(new ContainerStateBuilder().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"python:3.11-slim\"").endWaiting().build()).build())
                .build(), "node-1");

        ExecutionFailed failed = awaitEvent(id, ExecutionFailed.class);
        assertThat(failed.result().errorType()).isEqualTo(ErrorType.SYSTEM_ERROR);
        assertThat(failed.result().message()).contains("did not start within 1 s (ImagePullBackOff: Back-off pulling");
        assertThat(awaitEvent(id, PodTerminated.class).reason()).startsWith("ImagePullBackOff");
        assertThat(count(id, ExecutionStarted.class)).isZero();
    }

    @Test
    void aPodDeletedBeforeItEndedFailsItsExecution() {
        startMonitor();
        String id = scheduled();
        axon.commandGateway().sendAndWait(createSandbox(id));
        setStatus(id, new PodStatusBuilder().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
                .withName("script").withState(new ContainerStateBuilder().withNewRunning().endRunning().build())
                .build()).build(), "node-1");
        awaitEvent(id, PodRunning.class);

        client.pods().inNamespace(NAMESPACE).withName("sandbox-" + id).delete();

        ExecutionFailed failed = awaitEvent(id, ExecutionFailed.class);
        assertThat(failed.result().message()).contains("was deleted before it ended");
        assertThat(awaitEvent(id, PodTerminated.class).reason()).isEqualTo("Deleted");
    }

    @Test
    void reconcilingDeletesPodsOfEndedOrUnknownExecutionsAndFailsExecutionsWhosePodIsGone() {
        String ended = scheduled();
        axon.commandGateway().sendAndWait(createSandbox(ended));
        axon.commandGateway().sendAndWait(new CancelExecution(ended, "stop", "tester"));
        String live = scheduled();
        axon.commandGateway().sendAndWait(createSandbox(live));
        String unknown = UUID.randomUUID().toString();
        createUnclaimedPod(unknown);
        String lost = scheduled();
        axon.commandGateway().sendAndWait(createSandbox(lost));
        client.pods().inNamespace(NAMESPACE).withName("sandbox-" + lost).delete();

        new PodReconciler(client, properties(NAMESPACE, Duration.ZERO), axon.eventStore(), () -> List.of(live, lost),
                reporter, Clock.systemUTC()).reconcile();

        assertThat(pod(ended)).isNull();
        assertThat(pod(unknown)).isNull();
        assertThat(pod(live)).isNotNull();
        ExecutionFailed failed = awaitEvent(lost, ExecutionFailed.class);
        assertThat(failed.result().errorType()).isEqualTo(ErrorType.SYSTEM_ERROR);
        assertThat(failed.result().message()).isEqualTo(PodReconciler.POD_GONE);
        assertThat(count(live, ExecutionFailed.class)).isZero();
    }

    @Test
    void theSweepDeletesObjectsOlderThanTheLongestRun() {
        String id = scheduled();
        axon.commandGateway().sendAndWait(createSandbox(id));
        KubernetesExecutorProperties properties = properties(NAMESPACE, null);

        new PodSweeper(client, properties, Clock.systemUTC()).sweep();
        assertThat(pod(id)).isNotNull();

        Instant later = Instant.now().plus(properties.maxTimeout()).plus(properties.sweepGrace()).plusSeconds(60);
        new PodSweeper(client, properties, Clock.fixed(later, ZoneOffset.UTC)).sweep();
        assertThat(pod(id)).isNull();
        assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    }

    private void startMonitor() {
        monitor = new PodMonitor(client, properties(NAMESPACE, Duration.ofSeconds(1)), reporter, Clock.systemUTC());
        monitor.start();
    }

    /** A pod as an executor makes it, of an execution the event store does not know (a leftover of another store). */
    private void createUnclaimedPod(String id) {
        ExecutorNames names = ExecutorNames.of(id);
        ExecutionPods pods = new ExecutionPods(properties(NAMESPACE, null));
        client.resource(pods.pod(io.integr8s.executor.SandboxSpec.of(createSandbox(id)), names,
                KubernetesExecutorProperties.DEFAULT_RUNTIMES.get(0))).inNamespace(NAMESPACE).create();
    }

    private String logPath(String id) {
        return "/api/v1/namespaces/" + NAMESPACE + "/pods/sandbox-" + id + "/log?pretty=false&container=script";
    }

    private void setStatus(String id, PodStatus status, String node) {
        Pod pod = pod(id);
        pod.getSpec().setNodeName(node);
        pod.setStatus(status);
        client.resource(pod).inNamespace(NAMESPACE).update();
    }

    private Pod pod(String id) {
        return client.pods().inNamespace(NAMESPACE).withName("sandbox-" + id).get();
    }

    private String scheduled() {
        String id = UUID.randomUUID().toString();
        axon.commandGateway().sendAndWait(new RequestExecution(id, "tester", "print('hello')", "python", "3.11",
                Priority.NORMAL, 5, "128Mi", "500m", Instant.now()));
        axon.commandGateway().sendAndWait(new AdmitExecution(id));
        return id;
    }

    private static CreateSandbox createSandbox(String id) {
        return new CreateSandbox(id, "print('hello')", "python", "3.11", 5, "128Mi", "500m");
    }

    private List<Object> events(String id) {
        return new StoredEvents(axon.eventStore()).of(id);
    }

    private List<String> types(String id) {
        return events(id).stream().map(event -> event.getClass().getSimpleName()).toList();
    }

    private long count(String id, Class<?> type) {
        return new StoredEvents(axon.eventStore()).count(id, type);
    }

    private <T> T awaitEvent(String id, Class<T> type) {
        return new StoredEvents(axon.eventStore()).await(id, type);
    }
}

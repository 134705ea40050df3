package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Executions on the Kubernetes backend end to end: the application's own fabric8 client (configured by the usual
 * {@code kubernetes.*} system properties) against the mock API server in CRUD mode, with {@link TestKubelet} running
 * each pod's script; results come back through the pod monitor and the real saga.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.executor.backend=kubernetes",
                "integr8s.executor.kubernetes.namespace=" + KubernetesExecutionTest.NAMESPACE,
                "integr8s.execution.timeout-seconds=2",
                "integr8s.saga.deadline-grace=10s"})
class KubernetesExecutionTest {

    static final String NAMESPACE = "integr8s-e2e";
    /** CRUD plus expectations (the pods' logs): the dispatcher answers from the same expectations the server records. */
    private static final Map<ServerRequest, Queue<ServerResponse>> EXPECTATIONS = new HashMap<>();
    private static final KubernetesMockServer SERVER = new KubernetesMockServer(new Context(), new MockWebServer(),
            EXPECTATIONS, new KubernetesMixedDispatcher(EXPECTATIONS), false);
    private static final TestKubelet KUBELET;

    static {
        Path home = TestHome.fresh("kubernetes-execution");
        SERVER.init();
        System.setProperty("kubernetes.master", SERVER.url("/"));
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        System.setProperty("kubernetes.namespace", NAMESPACE);
        KubernetesClient kubeletClient = SERVER.createClient();
        KUBELET = new TestKubelet(SERVER, kubeletClient, NAMESPACE, home.resolve("kubelet"));
    }

    @LocalServerPort
    int port;

    @Autowired
    KubernetesClient client;

    @AfterAll
    static void stopServer() {
        KUBELET.close();
        SERVER.destroy();
    }

    @Test
    void aScriptRunsInItsPodAndItsResultIsStoredThroughTheSaga() {
        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit("import sys\nprint('hello from the pod')\nsys.exit(3)");

        List<ServerSentEvent<JsonNode>> events = api.streamToEnd(id, null, Duration.ofSeconds(30));

        assertThat(events.stream().map(event -> event.data().get("event_type").asText()).toList())
                .containsSubsequence("pod_created", "pod_scheduled", "execution_running", "pod_running", "pod_failed",
                        "execution_completed", "result_stored");
        JsonNode result = api.awaitStatus(id, Duration.ofSeconds(10), "completed");
        assertThat(result.get("stdout").asText()).isEqualTo("hello from the pod\n");
        assertThat(result.get("exit_code").asInt()).isEqualTo(3);
        assertThat(result.get("error_type").asText()).isEqualTo("script_error");

        List<Map<String, Object>> history = contractEvents(api, id);
        assertThat(history).filteredOn(event -> "pod_scheduled".equals(event.get("event_type"))).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("node_name", TestKubelet.NODE)
                        .containsEntry("pod_name", "sandbox-" + id));
        assertThat(history).filteredOn(event -> "pod_running".equals(event.get("event_type"))).singleElement()
                .satisfies(event -> assertThat(event.get("container_statuses")).isEqualTo(List.of(Map.of(
                        "name", "script", "ready", true, "restart_count", 0, "state", "running"))));
        assertThat(history).filteredOn(event -> "pod_failed".equals(event.get("event_type"))).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("exit_code", 3).containsEntry("reason", "Error"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.pods().inNamespace(NAMESPACE).withName("sandbox-" + id).get()).isNull();
            assertThat(client.configMaps().inNamespace(NAMESPACE).withName("sandbox-" + id).get()).isNull();
        });
    }

    @Test
    void aPodPastItsDeadlineEndsAsTimeout() {
        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit("import time\nprint('waiting', flush=True)\ntime.sleep(60)");

        JsonNode result = api.awaitStatus(id, Duration.ofSeconds(30), "timeout", "failed", "completed");

        assertThat(result.get("status").asText()).isEqualTo("timeout");
        assertThat(result.get("error_type").asText()).isEqualTo("timeout");
        assertThat(result.get("exit_code").asInt()).isEqualTo(-1);
        assertThat(result.get("stdout").asText()).isEqualTo("waiting\n");
        assertThat(contractEvents(api, id)).filteredOn(event -> "pod_terminated".equals(event.get("event_type")))
                .singleElement().satisfies(event -> assertThat(event).containsEntry("reason", "DeadlineExceeded"));
    }

    private static List<Map<String, Object>> contractEvents(ApiClient api, String id) {
        return api.http().get().uri("/executions/{id}/events", id).retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).block(Duration.ofSeconds(10));
    }
}

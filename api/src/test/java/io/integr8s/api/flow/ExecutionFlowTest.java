package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.executor.local.SandboxActivity;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One execution end to end over HTTP and SSE, on the embedded stack: real PostgreSQL, Kafka, Redis, sandboxes. */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.coordinator.max-concurrent=2",
                "integr8s.execution.timeout-seconds=2",
                "integr8s.saga.deadline-grace=5s"})
class ExecutionFlowTest {

    static {
        TestHome.fresh("execution-flow");
    }

    @LocalServerPort
    int port;

    @Autowired
    SandboxActivity sandboxes;

    @Autowired
    RedissonClient redisson;

    private ApiClient api() {
        return ApiClient.as(port, "user", "user123");
    }

    private static List<String> types(List<ServerSentEvent<JsonNode>> events) {
        return events.stream().map(event -> event.data().get("event_type").asText()).toList();
    }

    private static JsonNode last(List<ServerSentEvent<JsonNode>> events) {
        return events.get(events.size() - 1).data();
    }

    @Test
    void helloWorldStreamsItsWholeLifecycleToTheStoredResult() {
        ApiClient api = api();
        String id = api.submit("print(\"hello\")");

        List<ServerSentEvent<JsonNode>> events = api.streamToEnd(id, null, Duration.ofSeconds(30));

        assertThat(types(events)).startsWith("status").contains("execution_requested", "execution_queued",
                "pod_created", "execution_running", "execution_completed").endsWith("result_stored");
        JsonNode result = last(events).get("result");
        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(result.get("stdout").asText()).isEqualTo("hello\n");
        assertThat(result.get("stderr").asText()).isEmpty();
        assertThat(result.get("exit_code").asInt()).isZero();
        assertThat(result.get("execution_id").asText()).isEqualTo(id);
        assertThat(events.stream().filter(event -> event.id() != null)).isNotEmpty();
        List<String> types = types(events);
        assertThat(IntStream.range(0, types.size()).filter(i -> types.get(i).equals("output_chunk")))
                .as("live output only once the run is shown started: %s", types)
                .allMatch(i -> i > types.indexOf("execution_running"));

        JsonNode stored = api.awaitStatus(id, Duration.ofSeconds(5), "completed");
        assertThat(stored.get("stdout").asText()).isEqualTo("hello\n");
        assertThat(stored.get("lang").asText()).isEqualTo("python");
        JsonNode usage = stored.get("resource_usage");
        assertThat(usage.get("execution_time_wall_seconds").asDouble()).isPositive();
        assertThat(usage.get("cpu_time_microseconds").asLong()).as("CPU from the run's cgroup").isPositive();
        assertThat(usage.get("cpu_time_jiffies").asLong()).isEqualTo(usage.get("cpu_time_microseconds").asLong() / 10_000);
        assertThat(usage.get("clk_tck_hertz").asInt()).isEqualTo(100);
        assertThat(usage.get("peak_memory_kb").asLong()).isPositive();
    }

    @Test
    void aScriptThatRaisesCompletesWithExitCodeOneAndItsTraceback() {
        ApiClient api = api();
        String id = api.submit("print('before')\nraise ValueError('boom')");

        JsonNode result = last(api.streamToEnd(id, null, Duration.ofSeconds(30))).get("result");

        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(result.get("exit_code").asInt()).isEqualTo(1);
        assertThat(result.get("error_type").asText()).isEqualTo("script_error");
        assertThat(result.get("stdout").asText()).isEqualTo("before\n");
        assertThat(result.get("stderr").asText()).contains("Traceback").contains("ValueError: boom");
    }

    @Test
    void aLateSubscriberReceivesTheWholeStoryAndTheStreamCloses() {
        ApiClient api = api();
        String id = api.submit("print('late')");
        api.awaitStatus(id, Duration.ofSeconds(30), "completed");

        List<ServerSentEvent<JsonNode>> events = api.streamToEnd(id, null, Duration.ofSeconds(10));

        assertThat(events.get(0).data().get("event_type").asText()).isEqualTo("status");
        assertThat(events.get(0).data().get("status").asText()).isEqualTo("completed");
        assertThat(types(events)).containsSubsequence("execution_requested", "execution_accepted", "pod_created",
                "execution_started", "execution_completed", "result_stored");
        assertThat(last(events).get("result").get("stdout").asText()).isEqualTo("late\n");
    }

    @Test
    void aReconnectingClientResumesAfterItsLastEventId() {
        ApiClient api = api();
        String id = api.submit("print('again')");
        List<ServerSentEvent<JsonNode>> first = api.streamToEnd(id, null, Duration.ofSeconds(30));
        String podCreatedId = first.stream().filter(event -> "pod_created".equals(event.data().get("event_type").asText()))
                .findFirst().orElseThrow().id();

        List<ServerSentEvent<JsonNode>> resumed = api.streamToEnd(id, podCreatedId, Duration.ofSeconds(10));

        assertThat(types(resumed)).doesNotContain("execution_requested", "pod_created")
                .contains("execution_started", "execution_completed").endsWith("result_stored");
    }

    @Test
    void cancellingARunningScriptStopsItsSandboxWithinTwoSeconds() {
        ApiClient api = api();
        String id = api.submit("while True:\n    pass");
        api.awaitStatus(id, Duration.ofSeconds(30), "running");

        Instant cancelledAt = Instant.now();
        JsonNode response = api.cancel(id);
        assertThat(response.get("status").asText()).isEqualTo("cancellation_requested");

        JsonNode result = api.awaitStatus(id, Duration.ofSeconds(2), "cancelled");
        assertThat(result.get("status").asText()).isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(2).minus(Duration.between(cancelledAt, Instant.now())).plusMillis(1))
                .until(() -> HostProcesses.mentioning(id).isEmpty());
        assertThat(api.cancel(id).get("status").asText()).isEqualTo("already_cancelled");
    }

    @Test
    void aScriptOverItsTimeLimitEndsTimedOutWithExitCodeMinusOne() {
        ApiClient api = api();
        String id = api.submit("import time\ntime.sleep(60)");

        JsonNode result = last(api.streamToEnd(id, null, Duration.ofSeconds(20))).get("result");

        assertThat(result.get("status").asText()).isEqualTo("timeout");
        assertThat(result.get("exit_code").asInt()).isEqualTo(-1);
        assertThat(result.get("error_type").asText()).isEqualTo("timeout");
        assertThat(HostProcesses.mentioning(id)).isEmpty();
    }

    @Test
    void twentyConcurrentSubmissionsAllCompleteWithNeverMoreThanTwoSandboxesAtOnce() {
        ApiClient api = api();
        List<String> ids = IntStream.range(0, 20).parallel()
                .mapToObj(i -> api.submit("import time\ntime.sleep(0.2)\nprint(" + i + ")"))
                .toList();

        for (String id : ids) {
            JsonNode result = api.awaitStatus(id, Duration.ofSeconds(60), "completed", "failed", "timeout");
            assertThat(result.get("status").asText()).as("status of %s", id).isEqualTo("completed");
            assertThat(result.get("stdout").asText()).matches("\\d+\n");
        }
        assertThat(sandboxes.peak()).as("most sandboxes at once").isEqualTo(2);
    }

    @Test
    void cancellingAFinishedExecutionIsABadRequest() {
        ApiClient api = api();
        String id = api.submit("print(1)");
        api.awaitStatus(id, Duration.ofSeconds(30), "completed");

        assertThatThrownBy(() -> api.cancel(id))
                .isInstanceOfSatisfying(WebClientResponseException.class, error -> {
                    assertThat(error.getStatusCode().value()).isEqualTo(400);
                    assertThat(error.getResponseBodyAsString()).contains("already ended with status 'completed'");
                });
    }

    @Test
    void anUnsupportedRuntimeIsRefusedWith422NamingTheSupportedOnes() {
        WebClientResponseException error = post("/execute", Map.of("script", "print(1)", "lang", "cobol", "lang_version", "85"));

        assertThat(error.getStatusCode().value()).isEqualTo(422);
        assertThat(error.getResponseBodyAsString()).contains("\"loc\":[\"body\",\"lang\"]").contains("python 3.11");
    }

    @Test
    void aScriptOverFiftyThousandCharactersIsRefusedWith422() {
        WebClientResponseException error = post("/execute", Map.of("script", "#".repeat(50_001)));

        assertThat(error.getStatusCode().value()).isEqualTo(422);
        assertThat(error.getResponseBodyAsString()).contains("the limit is 50000");
    }

    @Test
    void aScriptOfFiftyThousandFourByteCharactersFitsTheBodyLimit() {
        String emoji = "\uD83D\uDE00";
        ApiClient api = api();
        String id = api.submit("print(len('" + emoji.repeat(49_000) + "'))");
        assertThat(api.awaitStatus(id, Duration.ofSeconds(30), "completed").get("stdout").asText()).isEqualTo("49000\n");
    }

    @Test
    void aBodyOverTenMebibytesIsRefusedWith413() {
        WebClientResponseException error = post("/execute", Map.of("script", "#".repeat(11 * 1024 * 1024)));

        assertThat(error.getStatusCode().value()).isEqualTo(413);
        assertThat(error.getResponseBodyAsString()).contains("too large");
    }

    @Test
    void anUnknownExecutionIsNotFoundEverywhere() {
        ApiClient api = api();
        assertThatThrownBy(() -> api.result("does-not-exist")).isInstanceOfSatisfying(WebClientResponseException.class,
                error -> assertThat(error.getResponseBodyAsString()).contains("Execution 'does-not-exist' not found"));
        assertThatThrownBy(() -> api.streamToEnd("does-not-exist", null, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(WebClientResponseException.class,
                        error -> assertThat(error.getStatusCode().value()).isEqualTo(404));
    }

    @Test
    void theLimitsListExactlyTheInstalledRuntimes() {
        JsonNode limits = api().http().get().uri("/k8s-limits").retrieve().bodyToMono(JsonNode.class).block();

        assertThat(limits.get("execution_timeout").asInt()).isEqualTo(2);
        assertThat(limits.get("memory_limit").asText()).isEqualTo("128Mi");
        assertThat(limits.get("cpu_limit").asText()).isEqualTo("1000m");
        assertThat(limits.get("supported_runtimes").get("python").get("versions").toString()).contains("3.11");
        limits.get("supported_runtimes").fieldNames().forEachRemaining(lang ->
                assertThat(lang).isIn("python", "node", "bash", "ruby", "go"));
    }

    @Test
    void readinessReportsEveryPartUp() {
        JsonNode ready = api().http().get().uri("/health/ready").retrieve().bodyToMono(JsonNode.class).block();

        assertThat(ready.get("status").asText()).isEqualTo("UP");
    }

    /** A crash between claiming the key and storing the command left the claim alone: the retry still gets an execution. */
    @Test
    void aRetriedIdempotencyKeyAlwaysAnswersWithAnExecutionThatExists() {
        ApiClient api = api();
        String first = api.submit("print(1)", "stored");
        assertThat(api.submit("print(1)", "stored")).isEqualTo(first);
        String storedClaim = redisson.getKeys().getKeysStream(KeysScanOptions.defaults().pattern("idempotency:*"))
                .filter(key -> redisson.<String>getBucket(key, StringCodec.INSTANCE).get().equals(first))
                .findFirst().orElseThrow();
        String phantom = UUID.randomUUID().toString();
        redisson.getBucket(storedClaim.substring(0, storedClaim.lastIndexOf(':') + 1) + sha256("crashed"),
                StringCodec.INSTANCE).set(phantom, Duration.ofHours(24));

        assertThat(api.submit("print(2)", "crashed")).isEqualTo(phantom);
        assertThat(api.awaitStatus(phantom, Duration.ofSeconds(30), "completed").get("stdout").asText()).isEqualTo("2\n");
        assertThat(api.submit("print(2)", "crashed")).isEqualTo(phantom);
        assertThat(api.awaitStatus(first, Duration.ofSeconds(30), "completed").get("stdout").asText()).isEqualTo("1\n");
    }

    private static String sha256(String value) throws IllegalStateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theUsersExecutionsAreListedNewestFirst() {
        ApiClient api = api();
        String id = api.submit("print('listed')");
        api.awaitStatus(id, Duration.ofSeconds(30), "completed");

        JsonNode page = api.http().get().uri("/user/executions?limit=5").retrieve().bodyToMono(JsonNode.class).block();

        assertThat(page.get("executions").get(0).get("execution_id").asText()).isEqualTo(id);
        assertThat(page.get("limit").asInt()).isEqualTo(5);
    }

    private WebClientResponseException post(String path, Map<String, Object> body) {
        try {
            api().http().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
        } catch (WebClientResponseException error) {
            return error;
        }
        throw new AssertionError("expected " + path + " to be refused");
    }
}

package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.infra.deadletter.DeadLetterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.integr8s.projections.execution.ExecutionProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' tools end to end on the embedded stack: saga cancel compensates, an admin's priority change re-orders
 * the coordinator's queue, a projection's dead letters are listed, retried once the fault is gone, and evicted; every
 * admin endpoint refuses users and anonymous callers. One sandbox at a time, so queueing is deterministic.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.coordinator.max-concurrent=1",
                "integr8s.execution.timeout-seconds=20"})
@Import(OperationsFlowTest.Fault.class)
class OperationsFlowTest {

    private static final Duration RUN = Duration.ofSeconds(40);
    private static final String GROUP = ExecutionProjection.PROCESSING_GROUP;
    private static final String FAULT_MARKER = "# projection-fault";
    /** Requested, scheduled, pod created, started, completed, pod deleted: all handled by the executions projection. */
    private static final int EVENTS_OF_A_CLEAN_RUN = 6;

    static {
        TestHome.fresh("operations-flow");
    }

    /** While on, the executions projection fails on the request of any script carrying {@link #FAULT_MARKER}. */
    static volatile boolean fault;

    @TestConfiguration
    static class Fault {

        @Bean
        FaultyProjectionStep faultyProjectionStep() {
            return new FaultyProjectionStep();
        }
    }

    @ProcessingGroup(ExecutionProjection.PROCESSING_GROUP)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class FaultyProjectionStep {

        @EventHandler
        void on(ExecutionRequested event) {
            if (fault && event.script().contains(FAULT_MARKER)) {
                throw new IllegalStateException("injected projection fault for " + event.executionId());
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private ApiClient user() {
        return ApiClient.as(port, "user", "user123");
    }

    private ApiClient admin() {
        return ApiClient.as(port, "admin", "admin123");
    }

    @Test
    void cancellingASagaEndsItsExecutionCancelledWithTheSandboxGone() {
        ApiClient user = user();
        String id = user.submit("import time\nprint('started', flush=True)\ntime.sleep(30)");
        user.awaitStatus(id, RUN, "running");
        JsonNode saga = awaitSaga(user.http(), id, "running", "run_script");
        String sagaId = saga.get("saga_id").asText();
        assertThat(saga.get("saga_name").asText()).isEqualTo("execution_saga");
        assertThat(texts(saga.get("completed_steps")))
                .containsExactly("queue_execution", "admit_execution", "create_sandbox");
        assertThat(HttpCalls.get(admin().http(), "/sagas/" + sagaId).getStatusCode().value()).isEqualTo(200);
        assertThat(ids(HttpCalls.get(user.http(), "/sagas/?state=running").getBody().get("sagas"))).contains(sagaId);

        ResponseEntity<JsonNode> cancelled = HttpCalls.send(user.http(), HttpMethod.POST, "/sagas/" + sagaId + "/cancel", null);

        assertThat(cancelled.getStatusCode().value()).isEqualTo(200);
        assertThat(cancelled.getBody().get("success").asBoolean()).isTrue();
        assertThat(cancelled.getBody().get("saga_id").asText()).isEqualTo(sagaId);
        assertThat(user.awaitStatus(id, RUN, "cancelled").get("status").asText()).isEqualTo("cancelled");
        await().atMost(RUN).until(() -> HostProcesses.mentioning(id).isEmpty());
        JsonNode ended = awaitSaga(user.http(), id, "cancelled", null);
        assertThat(texts(ended.get("compensated_steps"))).containsExactly("release_slot", "delete_sandbox");
        assertThat(ended.get("completed_at").isNull()).isFalse();

        ResponseEntity<JsonNode> again = HttpCalls.send(user.http(), HttpMethod.POST, "/sagas/" + sagaId + "/cancel", null);
        assertThat(again.getStatusCode().value()).isEqualTo(400);
        assertThat(again.getBody().get("type").asText()).isEqualTo("SagaNotCancellableError");
        assertThat(again.getBody().get("detail").asText()).contains("'cancelled'");
    }

    @Test
    void aUserSeesOnlyTheSagasOfTheirOwnExecutions() {
        ApiClient admin = admin();
        String adminsRun = admin.submit("print('mine')");
        admin.awaitStatus(adminsRun, RUN, "completed");
        String sagaId = awaitSaga(admin.http(), adminsRun, "completed", null).get("saga_id").asText();
        WebClient user = user().http();

        assertThat(HttpCalls.get(user, "/sagas/execution/" + adminsRun).getStatusCode().value()).isEqualTo(403);
        assertThat(HttpCalls.get(user, "/sagas/" + sagaId).getStatusCode().value()).isEqualTo(403);
        assertThat(ids(HttpCalls.get(user, "/sagas/?execution_id=" + adminsRun).getBody().get("sagas"))).isEmpty();
        assertThat(HttpCalls.get(user, "/sagas/no-such-saga").getStatusCode().value()).isEqualTo(404);
        assertThat(HttpCalls.get(user, "/sagas/?state=sleeping").getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void raisingTheSecondOfTwoQueuedExecutionsAdmitsItFirst() {
        ApiClient user = user();
        WebClient admin = admin().http();
        String filler = user.submit("import time\ntime.sleep(30)");
        user.awaitStatus(filler, RUN, "running");
        String first = user.submit("print('first')");
        String second = user.submit("print('second')");

        JsonNode queue = await().atMost(RUN).until(() -> HttpCalls.get(admin, "/admin/executions/queue").getBody(),
                status -> status.get("queue_depth").asInt() == 2);
        assertThat(queue.get("active_count").asInt()).isEqualTo(1);
        assertThat(queue.get("max_concurrent").asInt()).isEqualTo(1);
        assertThat(queue.get("by_priority").get("normal").asInt()).isEqualTo(2);

        ResponseEntity<JsonNode> raised = HttpCalls.send(admin, HttpMethod.PUT, "/admin/executions/" + second + "/priority",
                Map.of("priority", "high"));

        assertThat(raised.getStatusCode().value()).isEqualTo(200);
        assertThat(raised.getBody().get("priority").asText()).isEqualTo("high");
        assertThat(raised.getBody().get("execution_id").asText()).isEqualTo(second);
        assertThat(raised.getBody().get("script").asText()).isEqualTo("print('second')");
        await().atMost(RUN).until(() -> HttpCalls.get(admin, "/admin/executions/queue").getBody().get("by_priority"),
                byPriority -> byPriority.get("high").asInt() == 1 && byPriority.get("normal").asInt() == 1);

        user.cancel(filler);
        user.awaitStatus(first, RUN, "completed");
        user.awaitStatus(second, RUN, "completed");
        assertThat(admittedAt(user.http(), second)).isBefore(admittedAt(user.http(), first));

        ResponseEntity<JsonNode> tooLate = HttpCalls.send(admin, HttpMethod.PUT, "/admin/executions/" + filler + "/priority",
                Map.of("priority", "critical"));
        assertThat(tooLate.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLate.getBody().get("type").asText()).isEqualTo("ExecutionNotQueued");
        await().atMost(RUN).untilAsserted(() -> assertThat(ids(HttpCalls.get(admin,
                "/admin/executions/?priority=high&status=completed").getBody().get("executions"), "execution_id"))
                .contains(second).doesNotContain(first));
    }

    @Test
    void aDeadLetteredProjectionEventIsListedAndRetriedOnceTheFaultIsGone() {
        ApiClient user = user();
        WebClient admin = admin().http();
        String id = parkedRun(user, admin, "parked");
        JsonNode letter = lettersOf(admin, id).get(0);

        assertThat(letter.get("event_type").asText()).isEqualTo("ExecutionRequested");
        assertThat(letter.get("aggregate_id").asText()).isEqualTo(id);
        assertThat(letter.get("cause_type").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.get("cause_message").asText()).isEqualTo("injected projection fault for " + id);
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        assertThat(letter.get("enqueued_at").asText()).isNotEmpty();
        assertThat(completedInReadModel(admin)).as("the read model is held back").doesNotContain(id);
        assertThat(gauge()).isPositive();

        ResponseEntity<JsonNode> stillFailing = HttpCalls.send(admin, HttpMethod.POST,
                "/admin/dead-letters/" + GROUP + "/sequences/" + id + "/retry", null);
        assertThat(stillFailing.getStatusCode().value()).isEqualTo(409);
        assertThat(lettersOf(admin, id).get(0).get("attempts").asInt()).isEqualTo(2);

        fault = false;
        ResponseEntity<JsonNode> retried = HttpCalls.send(admin, HttpMethod.POST,
                "/admin/dead-letters/" + GROUP + "/sequences/" + id + "/retry", null);

        assertThat(retried.getStatusCode().value()).isEqualTo(200);
        assertThat(retried.getBody().get("processed").asBoolean()).isTrue();
        assertThat(lettersOf(admin, id)).isEmpty();
        assertThat(completedInReadModel(admin)).contains(id);
        JsonNode result = user.result(id);
        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(result.get("stdout").asText()).isEqualTo("parked\n");
        assertThat(gauge()).isZero();
    }

    @Test
    void anEvictedLetterIsGoneAndRetryingAllHandlesTheRest() {
        ApiClient user = user();
        WebClient admin = admin().http();
        String id = parkedRun(user, admin, "evicted");
        List<JsonNode> letters = lettersOf(admin, id);
        String requestLetter = letters.get(0).get("dead_letter_id").asText();

        ResponseEntity<JsonNode> evicted = HttpCalls.send(admin, HttpMethod.DELETE,
                "/admin/dead-letters/" + GROUP + "/letters/" + requestLetter, null);

        assertThat(evicted.getStatusCode().value()).isEqualTo(200);
        assertThat(lettersOf(admin, id)).extracting(l -> l.get("dead_letter_id").asText()).doesNotContain(requestLetter)
                .hasSize(letters.size() - 1);
        assertThat(HttpCalls.send(admin, HttpMethod.DELETE, "/admin/dead-letters/" + GROUP + "/letters/" + requestLetter,
                null).getStatusCode().value()).isEqualTo(404);

        fault = false;
        JsonNode all = HttpCalls.send(admin, HttpMethod.POST, "/admin/dead-letters/" + GROUP + "/retry", null).getBody();

        assertThat(all.get("processed").asInt()).isEqualTo(1);
        assertThat(all.get("failed").asInt()).isZero();
        assertThat(all.get("remaining").asInt()).isZero();
        assertThat(lettersOf(admin, id)).isEmpty();
        JsonNode groups = HttpCalls.get(admin, "/admin/dead-letters/").getBody().get("processing_groups");
        assertThat(ids(groups, "processing_group")).contains(GROUP, "saga-projection", "notifications");
        assertThat(HttpCalls.get(admin, "/admin/dead-letters/no-such-group").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void everyAdminEndpointRefusesUsersAndAnonymousCallers() {
        List<Map.Entry<HttpMethod, String>> endpoints = List.of(
                Map.entry(HttpMethod.GET, "/admin/dead-letters/"),
                Map.entry(HttpMethod.GET, "/admin/dead-letters/" + GROUP),
                Map.entry(HttpMethod.POST, "/admin/dead-letters/" + GROUP + "/retry"),
                Map.entry(HttpMethod.POST, "/admin/dead-letters/" + GROUP + "/sequences/some-id/retry"),
                Map.entry(HttpMethod.DELETE, "/admin/dead-letters/" + GROUP + "/letters/some-id"),
                Map.entry(HttpMethod.GET, "/admin/executions/"),
                Map.entry(HttpMethod.PUT, "/admin/executions/some-id/priority"),
                Map.entry(HttpMethod.GET, "/admin/executions/queue"));
        WebClient anonymous = ApiClient.anonymous(port).http();
        WebClient user = user().http();
        for (Map.Entry<HttpMethod, String> endpoint : endpoints) {
            Object body = endpoint.getKey() == HttpMethod.PUT ? Map.of("priority", "high") : null;
            assertThat(HttpCalls.send(anonymous, endpoint.getKey(), endpoint.getValue(), body).getStatusCode().value())
                    .as("anonymous %s", endpoint).isEqualTo(401);
            assertThat(HttpCalls.send(user, endpoint.getKey(), endpoint.getValue(), body).getStatusCode().value())
                    .as("user %s", endpoint).isEqualTo(403);
        }
        assertThat(HttpCalls.get(anonymous, "/sagas/").getStatusCode().value()).isEqualTo(401);
    }

    /** Runs a script to its end with the fault on; returns its id once every event of the run is parked. */
    private String parkedRun(ApiClient user, WebClient admin, String output) {
        fault = true;
        String id = user.submit("print('" + output + "')\n" + FAULT_MARKER);
        awaitSaga(user.http(), id, "completed", null);
        await().atMost(RUN).until(() -> lettersOf(admin, id).size() == EVENTS_OF_A_CLEAN_RUN);
        return id;
    }

    private JsonNode awaitSaga(WebClient http, String executionId, String state, String currentStep) {
        return await().atMost(RUN).until(() -> {
            JsonNode sagas = HttpCalls.get(http, "/sagas/execution/" + executionId).getBody().get("sagas");
            return sagas.isEmpty() ? null : sagas.get(0);
        }, saga -> saga != null && saga.get("state").asText().equals(state)
                && (currentStep == null || currentStep.equals(saga.get("current_step").asText())));
    }

    private static List<JsonNode> lettersOf(WebClient admin, String executionId) {
        JsonNode letters = HttpCalls.get(admin, "/admin/dead-letters/" + GROUP + "?limit=1000").getBody().get("dead_letters");
        return StreamSupport.stream(letters.spliterator(), false)
                .filter(letter -> executionId.equals(letter.get("sequence_identifier").asText())).toList();
    }

    private static List<String> completedInReadModel(WebClient admin) {
        return ids(HttpCalls.get(admin, "/admin/executions/?status=completed&limit=200").getBody().get("executions"),
                "execution_id");
    }

    private static Instant admittedAt(WebClient http, String executionId) {
        JsonNode events = HttpCalls.get(http, "/executions/" + executionId + "/events?event_types=execution_accepted").getBody();
        return Instant.parse(events.get(0).get("timestamp").asText());
    }

    /** The gauge a Prometheus scrape reads as {@code integr8s_deadletters{processing_group=...}}. */
    private double gauge() {
        return meters.get(DeadLetterMetrics.METER).tag(DeadLetterMetrics.TAG, GROUP).gauge().value();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> ids(JsonNode sagas) {
        return ids(sagas, "saga_id");
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(node -> ids.add(node.get(field).asText()));
        return ids;
    }
}

package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.sagas.coordinator.Coordinator;
import io.integr8s.sagas.execution.ExecutionSaga;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to one of two instances while it runs two executions: the instance hands admission over, ends its SSE
 * streams with a request to reconnect (the client resumes on the other instance with Last-Event-ID, without a gap or
 * a duplicate), lets the short run finish, stops and reports the long one failed, and exits. Nothing stays
 * unfinished, and the remaining instance runs what comes next.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.execution.timeout-seconds=60"})
class GracefulShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    static {
        TestHome.fresh("graceful-shutdown");
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTerminatedInstanceFinishesOrFailsItsRunsHandsOverAndSendsItsStreamClientsElsewhere() throws Exception {
        List<EventProcessor> admitting = List.of(processing.eventProcessor(Coordinator.PROCESSING_GROUP).orElseThrow(),
                processing.eventProcessor(ExecutionSaga.PROCESSOR).orElseThrow());
        admitting.forEach(EventProcessor::shutDown);
        try (InstanceProcess other = InstanceProcess.start(environment, "terminated",
                "integr8s.executor.local.shutdown.grace=20s", "integr8s.execution.timeout-seconds=60")) {
            await().atMost(WAIT).until(() -> ownedBy(other, Coordinator.PROCESSING_GROUP)
                    && ownedBy(other, ExecutionSaga.PROCESSOR));
            admitting.forEach(EventProcessor::start);

            ApiClient api = ApiClient.as(port, "user", "user123");
            String finishing = api.submit("import time\ntime.sleep(12)\nprint('finished')");
            String cut = api.submit("import time\ntime.sleep(50)");
            api.awaitStatus(finishing, WAIT, "running");
            api.awaitStatus(cut, WAIT, "running");

            List<ServerSentEvent<JsonNode>> beforeShutdown = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> ended = ApiClient.bearer(other.port(), api.session().accessToken())
                    .stream(cut, null).doOnNext(beforeShutdown::add).then().toFuture();
            await().atMost(WAIT).until(() -> beforeShutdown.stream().anyMatch(event -> "execution_running".equals(type(event))));
            assertThat(api.result(finishing).get("status").asText()).as("still running when the instance is stopped")
                    .isEqualTo("running");
            other.terminate();

            assertThat(ended).as("the stream on the terminated instance ends").succeedsWithin(WAIT);
            assertThat(beforeShutdown.get(beforeShutdown.size() - 1).retry()).as("its last message asks to reconnect")
                    .isNotNull();
            String lastEventId = beforeShutdown.stream().filter(event -> event.id() != null)
                    .reduce((first, second) -> second).orElseThrow().id();
            List<ServerSentEvent<JsonNode>> resumed = api.streamToEnd(cut, lastEventId, WAIT);
            List<String> resumedTypes = resumed.stream().map(GracefulShutdownTest::type).toList();
            assertThat(resumed.stream().filter(event -> event.id() != null))
                    .as("only what came after %s", lastEventId)
                    .allSatisfy(event -> assertThat(Long.parseLong(event.id())).isGreaterThan(Long.parseLong(lastEventId)));
            assertThat(resumedTypes).contains("execution_failed");
            assertThat(other.awaitExit(WAIT)).as("the instance exits; its log: %s", other.log()).isTrue();

            JsonNode finished = api.awaitStatus(finishing, WAIT, "completed", "failed");
            assertThat(finished.get("status").asText()).as("the short run finished within the grace").isEqualTo("completed");
            assertThat(finished.get("stdout").asText()).isEqualTo("finished\n");
            JsonNode failed = api.result(cut);
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("error_type").asText()).isEqualTo("system_error");
            assertThat(failed.toString()).contains("shut down");

            String after = api.submit("print('after')");
            assertThat(api.awaitStatus(after, WAIT, "completed").get("stdout").asText())
                    .as("the remaining instance took admission over").isEqualTo("after\n");
        }
    }

    private boolean ownedBy(InstanceProcess instance, String processor) {
        List<String> owners = new ArrayList<>(jdbc.queryForList(
                "SELECT coalesce(owner, '') FROM tokenentry WHERE processorname = ?", String.class, processor));
        return !owners.isEmpty() && owners.stream().allMatch(owner -> owner.startsWith(instance.pid() + "@"));
    }

    private static String type(ServerSentEvent<JsonNode> event) {
        return event.data() == null ? "" : event.data().get("event_type").asText();
    }
}

package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.codec.ServerSentEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: resuming an execution stream from any id a client has seen delivers exactly the rest of the stream, none
 * missing, none repeated. Compared per message: event type, id, stored event id and (for {@code result_stored}) the
 * result. The {@code status} message opening every connection is regenerated and has no id; output chunks have no id
 * and are not stored, so no reconnection can replay them: both are left out of the comparison.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.coordinator.max-concurrent=2",
                "integr8s.execution.timeout-seconds=10",
                "integr8s.saga.deadline-grace=5s"})
class StreamResumeTest {

    static {
        TestHome.fresh("stream-resume");
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    /** What a message is, for comparing streams: type, id, stored event and result. */
    record Seen(String type, String id, String eventId, String result) {
        static Seen of(ServerSentEvent<JsonNode> event) {
            JsonNode data = event.data();
            return new Seen(data.get("event_type").asText(), event.id(), data.get("event_id").asText(null),
                    Objects.toString(data.get("result"), null));
        }

        boolean resumable() {
            return id != null;
        }
    }

    private static List<Seen> lifecycle(List<ServerSentEvent<JsonNode>> events) {
        return events.stream().map(Seen::of).filter(Seen::resumable).toList();
    }

    @Test
    void aFinishedExecutionResumesFromEveryIdWithExactlyTheRest() {
        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit("print('done')");
        api.awaitStatus(id, WAIT, "completed");

        List<ServerSentEvent<JsonNode>> full = api.streamToEnd(id, null, WAIT);

        System.out.println("Full stream of finished " + id + ": " + full.stream().map(Seen::of)
                .map(seen -> seen.type() + "#" + seen.id()).toList());
        assertEveryResumeIsTheRest(api, id, full);
    }

    @Test
    void aStreamTakenWhileRunningResumesFromEveryIdWithExactlyTheRest() {
        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit("import time\nprint('before', flush=True)\ntime.sleep(3)\nprint('after')");

        List<ServerSentEvent<JsonNode>> full = api.streamToEnd(id, null, WAIT);

        System.out.println("Full stream of running " + id + ": " + full.stream().map(Seen::of)
                .map(seen -> seen.type() + "#" + seen.id()).toList());
        assertThat(full.get(0).data().get("status").asText()).as("taken while it ran")
                .isIn("queued", "scheduled", "running");
        assertThat(full.stream().map(Seen::of).map(Seen::type)).contains("output_chunk");
        assertThat(lifecycle(api.streamToEnd(id, null, WAIT)))
                .as("the same ids live and replayed from history").isEqualTo(lifecycle(full));
        assertEveryResumeIsTheRest(api, id, full);
    }

    @Test
    void aMalformedOrHostileLastEventIdIsNoError() {
        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit("print('whole')");
        api.awaitStatus(id, WAIT, "completed");
        List<Seen> whole = lifecycle(api.streamToEnd(id, null, WAIT));

        for (String hostile : List.of("not-a-number", "-7", "99999999999999999999999", "1e3", "4;5")) {
            assertThat(lifecycle(api.streamToEnd(id, hostile, WAIT))).as("Last-Event-ID '%s'", hostile).isEqualTo(whole);
        }
        assertThat(api.streamToEnd(id, Long.toString(Long.MAX_VALUE), WAIT)).as("past everything: only the status")
                .extracting(event -> event.data().get("event_type").asText()).containsExactly("status");
    }

    private static void assertEveryResumeIsTheRest(ApiClient api, String executionId,
                                                   List<ServerSentEvent<JsonNode>> full) {
        List<Seen> lifecycle = lifecycle(full);
        assertThat(lifecycle).extracting(Seen::type).endsWith("result_stored");
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < lifecycle.size(); i++) {
            List<ServerSentEvent<JsonNode>> resumed = api.streamToEnd(executionId, lifecycle.get(i).id(), WAIT);
            assertThat(resumed.get(0).data().get("event_type").asText()).isEqualTo("status");
            List<Seen> expected = lifecycle.subList(i + 1, lifecycle.size());
            List<Seen> arrived = resumed.subList(1, resumed.size()).stream().map(Seen::of).toList();
            if (!arrived.equals(expected)) {
                mismatches.add("after " + lifecycle.get(i).type() + "#" + lifecycle.get(i).id() + " arrived "
                        + arrived.stream().map(seen -> seen.type() + "#" + seen.id()).toList());
            }
        }
        assertThat(mismatches).as("resumes that are not exactly the rest of %s",
                lifecycle.stream().map(seen -> seen.type() + "#" + seen.id()).toList()).isEmpty();
        List<Long> ids = lifecycle.stream().map(seen -> Long.parseLong(seen.id())).toList();
        assertThat(ids).as("ids strictly increasing").isSorted().doesNotHaveDuplicates();
    }
}

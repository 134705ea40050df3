package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.codec.ServerSentEvent;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live output over SSE: {@code output_chunk} messages arrive while the script runs, in order with the lifecycle events,
 * without {@code id:} lines, bounded in size and rate, and nothing past the output limit.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.coordinator.max-concurrent=2",
                "integr8s.execution.timeout-seconds=5",
                "integr8s.executor.local.output-limit=64KB",
                "integr8s.saga.deadline-grace=5s"})
class LiveOutputTest {

    static {
        TestHome.fresh("live-output");
    }

    private static final int OUTPUT_LIMIT = 64 * 1024;

    @LocalServerPort
    int port;

    private static String type(ServerSentEvent<JsonNode> event) {
        return event.data().get("event_type").asText();
    }

    private static List<ServerSentEvent<JsonNode>> chunks(List<ServerSentEvent<JsonNode>> events) {
        return events.stream().filter(event -> "output_chunk".equals(type(event))).toList();
    }

    @Test
    void theFirstLineArrivesAsAnOutputChunkBeforeTheExecutionCompletes() {
        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit("import sys, time\ntime.sleep(0.5)\nprint('first line')\ntime.sleep(1)\n"
                + "print('second line')\nprint('to stderr', file=sys.stderr)");

        List<ServerSentEvent<JsonNode>> events = api.streamToEnd(id, null, Duration.ofSeconds(30));

        List<String> types = events.stream().map(LiveOutputTest::type).toList();
        int firstLine = -1;
        for (int i = 0; i < events.size(); i++) {
            if ("output_chunk".equals(types.get(i)) && events.get(i).data().get("data").asText().contains("first line")) {
                firstLine = i;
                break;
            }
        }
        assertThat(firstLine).as("an output_chunk with the first line in %s", types).isNotNegative();
        assertThat(firstLine).as("before execution_completed in %s", types).isLessThan(types.indexOf("execution_completed"));
        assertThat(types.indexOf("execution_running")).isLessThan(firstLine);

        ServerSentEvent<JsonNode> chunk = events.get(firstLine);
        JsonNode data = chunk.data();
        assertThat(chunk.id()).as("chunks are not stored: no id line").isNull();
        assertThat(data.get("execution_id").asText()).isEqualTo(id);
        assertThat(data.get("stream").asText()).isEqualTo("stdout");
        assertThat(data.get("offset").asLong()).isZero();
        assertThat(data.get("data").asText()).as("a line may arrive split over two reads").startsWith("first line");
        assertThat(data.get("timestamp").isTextual()).isTrue();
        assertThat(data.has("event_id") && data.get("event_id").isNull()).isTrue();
        assertThat(data.has("status") && data.get("status").isNull()).isTrue();
        assertThat(data.has("result") && data.get("result").isNull()).isTrue();

        JsonNode result = events.get(events.size() - 1).data().get("result");
        assertThat(types.get(types.size() - 1)).isEqualTo("result_stored");
        assertThat(result.get("stdout").asText()).isEqualTo("first line\nsecond line\n");
        String streamedStdout = String.join("", chunks(events).stream()
                .filter(event -> "stdout".equals(event.data().get("stream").asText()))
                .map(event -> event.data().get("data").asText()).toList());
        assertThat(streamedStdout).as("the whole first line streamed a second before the next").startsWith("first line\n");
        assertThat(result.get("stdout").asText()).as("the stdout chunks, joined, begin the stored stdout")
                .startsWith(streamedStdout);
        assertThat(events.stream().filter(event -> !"output_chunk".equals(type(event))))
                .as("lifecycle events keep exactly the contract's fields")
                .allSatisfy(event -> assertThat(event.data().has("stream")).isFalse());
    }

    @Test
    void aRunawayPrinterProducesABoundedNumberOfChunksAndNothingPastTheLimit() {
        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit("while True:\n    print('x' * 99)");
        long start = System.nanoTime();

        List<ServerSentEvent<JsonNode>> events = api.streamToEnd(id, null, Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - start) / 1e9;

        JsonNode result = events.get(events.size() - 1).data().get("result");
        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("error_type").asText()).isEqualTo("resource_limit");
        List<ServerSentEvent<JsonNode>> chunks = chunks(events);
        assertThat(chunks.size()).as("at most 10 per second over %.1f s", seconds)
                .isLessThanOrEqualTo((int) Math.ceil(seconds * 10) + 1)
                .isLessThanOrEqualTo(OUTPUT_LIMIT / 8192 + 1);
        long end = 0;
        for (ServerSentEvent<JsonNode> chunk : chunks) {
            JsonNode data = chunk.data();
            assertThat(data.get("stream").asText()).isEqualTo("stdout");
            assertThat(data.get("offset").asLong()).as("contiguous").isEqualTo(end);
            assertThat(data.get("data").asText().length()).isLessThanOrEqualTo(8192);
            end = data.get("offset").asLong() + data.get("data").asText().length();
        }
        assertThat(end).as("nothing past the output limit").isLessThanOrEqualTo(OUTPUT_LIMIT);
    }
}

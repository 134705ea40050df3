package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the application while one execution runs and others wait, starts it again on the same data, and checks
 * that every execution ends and none ran twice (the event store is the proof: one sandbox and one start at most).
 * The running one outlasts the shutdown's grace, so it is stopped and reported failed while the instance stops.
 */
class RestartTest {

    static {
        TestHome.fresh("restart");
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(Integr8sApplication.class).run(
                "--server.port=0",
                "--integr8s.embedded.mongo-backend=memory",
                "--integr8s.coordinator.max-concurrent=1",
                "--integr8s.execution.timeout-seconds=20",
                "--integr8s.executor.local.shutdown.grace=1s");
    }

    private static ApiClient clientOf(ConfigurableApplicationContext context) {
        return ApiClient.as(((WebServerApplicationContext) context).getWebServer().getPort(), "user", "user123");
    }

    @Test
    void everyExecutionEndsAfterARestartAndNoneRunsTwice() {
        ConfigurableApplicationContext first = start();
        ApiClient before = clientOf(first);
        String running = before.submit("import time\nprint('started', flush=True)\ntime.sleep(30)");
        List<String> queued = IntStream.range(0, 3).mapToObj(i -> before.submit("print('queued " + i + "')")).toList();
        before.awaitStatus(running, Duration.ofSeconds(30), "running");
        assertThat(before.result(queued.get(0)).get("status").asText()).isEqualTo("queued");

        first.close();
        ConfigurableApplicationContext second = start();
        try {
            ApiClient after = clientOf(second);
            JsonNode lost = after.awaitStatus(running, Duration.ofSeconds(60), "failed", "timeout", "completed", "cancelled");
            assertThat(lost.get("status").asText()).isEqualTo("failed");
            assertThat(lost.get("error_type").asText()).isEqualTo("system_error");
            assertThat(lost.get("message").asText()).contains("shut down");
            for (int i = 0; i < queued.size(); i++) {
                JsonNode result = after.awaitStatus(queued.get(i), Duration.ofSeconds(60), "completed", "failed");
                assertThat(result.get("status").asText()).isEqualTo("completed");
                assertThat(result.get("stdout").asText()).isEqualTo("queued " + i + "\n");
            }
            for (String id : concat(running, queued)) {
                List<String> types = eventTypes(after, id);
                assertThat(types.stream().filter("pod_created"::equals).count()).as("sandboxes of %s", id).isEqualTo(1);
                assertThat(types.stream().filter("execution_started"::equals).count()).as("starts of %s", id).isLessThanOrEqualTo(1);
            }
        } finally {
            second.close();
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> eventTypes(ApiClient api, String executionId) {
        List<Map<String, Object>> events = api.http().get().uri("/executions/{id}/events", executionId)
                .retrieve().bodyToMono(List.class).block(Duration.ofSeconds(10));
        return events.stream().map(event -> (String) event.get("event_type")).toList();
    }
}

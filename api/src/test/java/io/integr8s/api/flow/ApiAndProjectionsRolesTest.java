package io.integr8s.api.flow;

import io.integr8s.api.Integr8sApplication;
import io.integr8s.executor.ExecutionBackend;
import io.integr8s.executor.SandboxCommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance with {@code integr8s.roles=api,projections} (ADR 0007): the saga, coordinator and SSE-bridge
 * processors are stopped, the projection and the subscribing processors run, no sandbox backend starts, and the
 * instance is ready and serves the API: a submitted execution is projected and stays queued for a worker.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"integr8s.embedded.mongo-backend=memory", "integr8s.roles=api,projections"})
class ApiAndProjectionsRolesTest {

    static {
        TestHome.fresh("roles-api-projections");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ApplicationContext context;

    private boolean running(String processor) {
        return processing.eventProcessor(processor).map(EventProcessor::isRunning)
                .orElseThrow(() -> new AssertionError("no event processor named " + processor));
    }

    @Test
    void theProcessorsOfOtherRolesAreStoppedAndThoseOfItsRolesRun() {
        assertThat(running("ExecutionSagaProcessor")).isFalse();
        assertThat(running("coordinator")).isFalse();
        assertThat(running("sse-bridge")).isFalse();

        assertThat(running("execution-projection")).isTrue();
        assertThat(running("user-directory")).isTrue();
        assertThat(running("system-settings")).isTrue();
    }

    @Test
    void noSandboxBackendStartsWithoutTheExecutorRole() {
        assertThat(context.getBeansOfType(ExecutionBackend.class)).isEmpty();
        assertThat(context.getBeansOfType(SandboxCommandHandler.class)).isEmpty();
    }

    @Test
    void itIsReadyAndServesTheApiWhileExecutionsWaitForAWorker() {
        assertThat(HttpCalls.get(ApiClient.anonymous(port).http(), "/health/ready").getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit("print('waits for a worker')");

        assertThat(api.awaitStatus(id, Duration.ofSeconds(10), "queued").get("status").asText()).isEqualTo("queued");
    }
}

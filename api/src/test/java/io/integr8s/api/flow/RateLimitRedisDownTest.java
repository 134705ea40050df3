package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Redis unreachable: every request is still served (fail open), counted, logged once; limits return with Redis. */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.rate-limit.enabled=true"})
@ExtendWith(OutputCaptureExtension.class)
class RateLimitRedisDownTest {

    private static final Path HOME = TestHome.fresh("rate-limit-redis-down");

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private static ResponseEntity<JsonNode> limits(ApiClient user) {
        return HttpCalls.get(user.http(), "/k8s-limits");
    }

    private double failedOpen() {
        Counter counter = meters.find("integr8s.ratelimit.decisions").tag("rule", "api").tag("outcome", "fail_open")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void requestsAreServedWhileRedisIsGoneAndLimitedAgainOnceItIsBack(CapturedOutput output) {
        ApiClient user = ApiClient.as(port, "user", "user123"); // before Redis goes: a login needs it (lockout)
        assertThat(limits(user).getHeaders().getFirst("X-RateLimit-Limit")).isEqualTo("60");
        double before = failedOpen();

        try (FrozenRedis frozen = FrozenRedis.freeze(HOME)) {
            for (int call = 0; call < 3; call++) {
                ResponseEntity<JsonNode> served = limits(user);
                assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
                assertThat(served.getBody().has("supported_runtimes")).isTrue();
                assertThat(served.getHeaders().containsKey("X-RateLimit-Limit")).isFalse();
            }
            assertThat(failedOpen()).isEqualTo(before + 3);
            assertThat(output.getOut().split("Rate limiting suspended", -1)).as("logged once, not per request").hasSize(2);
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> limits(user).getHeaders().containsKey("X-RateLimit-Limit"));
        assertThat(output.getOut()).contains("Rate limiting works again");
    }
}

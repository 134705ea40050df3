package io.integr8s.api.flow;

import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An override set through the admin endpoint of one instance applies on another instance that shares PostgreSQL and
 * Redis, within a second, although that instance had the user's (default) limits cached; so does its reset.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.rate-limit.enabled=true"})
class RateLimitSecondInstanceTest {

    static {
        TestHome.fresh("rate-limit-second-instance");
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    private static String limitOn(ApiClient client) {
        return HttpCalls.get(client.http(), "/example-scripts").getHeaders().getFirst("X-RateLimit-Limit");
    }

    @Test
    void anOverrideAndItsResetReachTheOtherInstanceWithinASecond() {
        try (SecondInstance second = SecondInstance.sharingStoresWith(environment, "integr8s.rate-limit.enabled=true")) {
            overrideAndResetReach(second);
        }
    }

    private void overrideAndResetReach(SecondInstance second) {
        ApiClient userOnSecond = ApiClient.as(second.port(), "user", "user123");
        String userId = HttpCalls.get(userOnSecond.http(), "/auth/me").getBody().get("user_id").asText();
        assertThat(limitOn(userOnSecond)).as("cached there: the defaults").isEqualTo("60");

        ApiClient adminOnFirst = ApiClient.as(port, "admin", "admin123");
        assertThat(HttpCalls.send(adminOnFirst.http(), HttpMethod.PUT, "/admin/rate-limits/" + userId,
                Map.of("global_multiplier", 2.0)).getStatusCode()).isEqualTo(HttpStatus.OK);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> "120".equals(limitOn(userOnSecond)));

        assertThat(HttpCalls.send(adminOnFirst.http(), HttpMethod.POST, "/admin/rate-limits/" + userId + "/reset", null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> "60".equals(limitOn(userOnSecond)));
    }
}

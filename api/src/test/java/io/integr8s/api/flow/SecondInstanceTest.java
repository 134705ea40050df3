package io.integr8s.api.flow;

import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * What instances sharing PostgreSQL and Redis share: a rate-limit override (and its reset) set on one applies on the
 * other within a second, although that one had the user's default limits cached; a session from one is valid on the
 * other until it logs out there; a lockout earned on one holds on the other until an admin unlocks it.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.rate-limit.enabled=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondInstanceTest {

    static {
        TestHome.fresh("second-instance");
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    private static String limitOn(ApiClient client) {
        return HttpCalls.get(client.http(), "/example-scripts").getHeaders().getFirst("X-RateLimit-Limit");
    }

    private SecondInstance second;

    @BeforeAll
    void startTheSecondInstance() {
        second = SecondInstance.sharingStoresWith(environment, "integr8s.rate-limit.enabled=true");
    }

    @AfterAll
    void stopTheSecondInstance() {
        second.close();
    }

    @Test
    void aSessionFromOneInstanceHoldsOnTheOtherUntilItLogsOut() {
        ApiClient onFirst = ApiClient.as(port, "user", "user123");
        ApiClient sameSessionOnSecond = ApiClient.bearer(second.port(), onFirst.session().accessToken());
        assertThat(HttpCalls.get(sameSessionOnSecond.http(), "/auth/me").getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(HttpCalls.send(onFirst.http(), HttpMethod.POST, "/auth/logout", null).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(HttpCalls.get(sameSessionOnSecond.http(), "/auth/me").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aLockoutEarnedOnOneInstanceHoldsOnTheOtherUntilUnlocked() {
        String name = "shared-lock-" + System.nanoTime();
        ApiClient.anonymous(port).http().post().uri("/auth/register")
                .bodyValue(Map.of("username", name, "email", name + "@example.org", "password", "right-password"))
                .retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
        for (int attempt = 0; attempt < 5; attempt++) {
            ApiClient.loginStatus(port, name, "wrong");
        }
        assertThat(ApiClient.loginStatus(second.port(), name, "right-password")).isEqualTo(HttpStatus.LOCKED);

        String userId = HttpCalls.get(ApiClient.as(port, "admin", "admin123").http(), "/admin/users/?search=" + name)
                .getBody().get("users").get(0).get("user_id").asText();
        assertThat(HttpCalls.send(ApiClient.as(port, "admin", "admin123").http(), HttpMethod.POST,
                "/admin/users/" + userId + "/unlock", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ApiClient.loginStatus(second.port(), name, "right-password")).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aRateLimitOverrideAndItsResetReachTheOtherInstanceWithinASecond() {
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

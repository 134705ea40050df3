package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyInserters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits over HTTP on the embedded stack: the contract's 429, route-template keys, user or address keys,
 * overrides, reset, health. One login per client for the whole class: logins are limited too (20 a minute per address).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.rate-limit.enabled=true"})
class RateLimitTest {

    static {
        TestHome.fresh("rate-limit");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private ApiClient user;
    private ApiClient admin;
    private String userId;

    @BeforeAll
    void logIn() {
        user = ApiClient.as(port, "user", "user123");
        admin = ApiClient.as(port, "admin", "admin123");
        userId = HttpCalls.get(user.http(), "/auth/me").getBody().get("user_id").asText();
    }

    @AfterEach
    void backToDefaults() {
        assertThat(HttpCalls.send(admin.http(), HttpMethod.POST, "/admin/rate-limits/" + userId + "/reset", null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> override(Map<String, Object> body) {
        return HttpCalls.send(admin.http(), HttpMethod.PUT, "/admin/rate-limits/" + userId, body);
    }

    private ResponseEntity<JsonNode> adminGet(String uri) {
        return HttpCalls.get(admin.http(), uri);
    }

    private static Map<String, Object> rule(String pattern, int requests, int windowSeconds, String algorithm) {
        return Map.of("endpoint_pattern", pattern, "group", "api", "requests", requests,
                "window_seconds", windowSeconds, "algorithm", algorithm, "burst_multiplier", 2.0, "priority", 100);
    }

    private static String header(ResponseEntity<?> response, String name) {
        return response.getHeaders().getFirst(name);
    }

    private double throttledCount(String group) {
        var counter = meters.find("integr8s.ratelimit.decisions").tag("rule", group).tag("outcome", "throttled").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theDefaultsAreTheContractsGroups() {
        JsonNode defaults = adminGet("/admin/rate-limits/defaults").getBody();

        List<String> rules = new ArrayList<>();
        defaults.forEach(rule -> rules.add(rule.get("group").asText() + " " + rule.get("requests").asInt() + "/"
                + rule.get("window_seconds").asInt() + " " + rule.get("algorithm").asText()));
        assertThat(rules).containsExactly("execution 10/60 sliding_window", "auth 20/60 sliding_window",
                "sse 30/60 sliding_window", "admin 100/60 sliding_window", "api 60/60 sliding_window");
        assertThat(defaults.get(0).get("endpoint_pattern").asText()).isEqualTo("^/api/v1/(execute|executions/[^/]+/retry)$");
        assertThat(defaults.get(0).get("burst_multiplier").asDouble()).isEqualTo(1.5);
        assertThat(defaults.get(0).get("enabled").asBoolean()).isTrue();
    }

    @Test
    void eachGroupsDefaultAppliesToItsRoutes() {
        assertThat(header(HttpCalls.send(user.http(), HttpMethod.POST, "/execute",
                Map.of("script", "print(1)", "lang", "cobol")), "X-RateLimit-Limit")).isEqualTo("10");
        assertThat(header(HttpCalls.get(user.http(), "/events/executions/no-such-run"), "X-RateLimit-Limit")).isEqualTo("30");
        assertThat(header(HttpCalls.get(user.http(), "/user/executions"), "X-RateLimit-Limit")).isEqualTo("60");
        assertThat(header(adminGet("/admin/rate-limits/defaults"), "X-RateLimit-Limit")).isEqualTo("100");
        ResponseEntity<JsonNode> login = ApiClient.anonymous(port).http().post().uri("/auth/login")
                .body(BodyInserters.fromFormData("username", "nobody").with("password", "wrong"))
                .exchangeToMono(response -> response.toEntity(JsonNode.class)).block(Duration.ofSeconds(10));
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(header(login, "X-RateLimit-Limit")).isEqualTo("20");
    }

    @Test
    void anonymousCallersAreCountedByAddressApartFromTheUsers() {
        ApiClient anonymous = ApiClient.anonymous(port);
        for (int call = 1; call <= 60; call++) {
            assertThat(HttpCalls.get(anonymous.http(), "/k8s-limits").getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(HttpCalls.get(ApiClient.anonymous(port).http(), "/k8s-limits").getStatusCode())
                .as("another anonymous client from the same address").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        ResponseEntity<JsonNode> signedIn = HttpCalls.get(user.http(), "/k8s-limits");
        assertThat(signedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(header(signedIn, "X-RateLimit-Remaining")).isEqualTo("59");
    }

    @Test
    void onlyAdminsSeeOrChangeLimits() {
        assertThat(HttpCalls.get(user.http(), "/admin/rate-limits/defaults").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(HttpCalls.send(user.http(), HttpMethod.PUT, "/admin/rate-limits/" + userId,
                Map.of("bypass_rate_limit", true)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(adminGet("/admin/rate-limits/" + userId).getBody().get("rate_limit_config").isNull()).isTrue();
    }

    @Test
    void limitsOfAUserThatDoesNotExistAre404AndNothingIsStored() {
        assertThat(adminGet("/admin/rate-limits/no-such-user").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(HttpCalls.send(admin.http(), HttpMethod.PUT, "/admin/rate-limits/defaults",
                Map.of("bypass_rate_limit", true)).getStatusCode()).as("PUT on the defaults' path").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(HttpCalls.send(admin.http(), HttpMethod.POST, "/admin/rate-limits/no-such-user/reset", null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theSixtyFirstCallOfAMinuteGetsTheContracts429() {
        double throttledBefore = throttledCount("api");
        for (int call = 1; call <= 60; call++) {
            ResponseEntity<JsonNode> allowed = HttpCalls.get(user.http(), "/k8s-limits");
            assertThat(allowed.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(header(allowed, "X-RateLimit-Limit")).isEqualTo("60");
            assertThat(header(allowed, "X-RateLimit-Remaining")).isEqualTo(Integer.toString(60 - call));
            assertThat(Long.parseLong(header(allowed, "X-RateLimit-Reset")))
                    .isBetween(Instant.now().getEpochSecond(), Instant.now().plusSeconds(62).getEpochSecond());
        }

        ResponseEntity<JsonNode> throttled = HttpCalls.get(user.http(), "/k8s-limits");

        assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        JsonNode body = throttled.getBody();
        assertThat(body.fieldNames()).toIterable().containsExactly("detail", "retry_after", "reset_at");
        assertThat(body.get("detail").asText()).isEqualTo("Rate limit exceeded");
        long retryAfter = body.get("retry_after").asLong();
        assertThat(retryAfter).isBetween(1L, 60L);
        Instant resetAt = Instant.parse(body.get("reset_at").asText());
        assertThat(resetAt).isBetween(Instant.now(), Instant.now().plusSeconds(61));
        assertThat(header(throttled, "Retry-After")).isEqualTo(Long.toString(retryAfter));
        assertThat(header(throttled, "X-RateLimit-Limit")).isEqualTo("60");
        assertThat(header(throttled, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(throttled, "X-RateLimit-Reset")).isEqualTo(Long.toString(resetAt.getEpochSecond()));
        assertThat(throttledCount("api")).isEqualTo(throttledBefore + 1);

        backToDefaults();
        assertThat(HttpCalls.get(user.http(), "/k8s-limits").getStatusCode())
                .as("the admin reset clears the counters").isEqualTo(HttpStatus.OK);
    }

    @Test
    void oneRouteTemplateIsOneBucketWhateverTheIdsAndAnotherRouteHasItsOwn() {
        assertThat(override(Map.of("rules", List.of(rule("^/api/v1/executions/", 3, 60, "sliding_window"))))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        for (String id : List.of("first", "second", "third")) {
            ResponseEntity<JsonNode> counted = HttpCalls.get(user.http(), "/executions/" + id + "/result");
            assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(header(counted, "X-RateLimit-Limit")).isEqualTo("3");
        }
        assertThat(HttpCalls.get(user.http(), "/executions/fourth/result").getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        ResponseEntity<JsonNode> otherRoute = HttpCalls.get(user.http(), "/executions/first/events");
        assertThat(otherRoute.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(header(otherRoute, "X-RateLimit-Remaining")).isEqualTo("2");

        JsonNode usage = adminGet("/admin/rate-limits/" + userId).getBody().get("current_usage");
        assertThat(usage.get("/api/v1/executions/{executionId}/result").get("remaining").asInt()).isZero();
        assertThat(usage.get("/api/v1/executions/{executionId}/result").get("algorithm").asText()).isEqualTo("sliding_window");
        assertThat(usage.get("/api/v1/executions/{executionId}/events").get("remaining").asInt()).isEqualTo(2);
    }

    @Test
    void anOverrideIsStoredWithItsTimesAndAResetRestoresTheDefaults() {
        Map<String, Object> body = Map.of("global_multiplier", 0.5, "notes", "noisy script client",
                "rules", List.of(rule("^/api/v1/example-scripts$", 2, 60, "token_bucket")));

        JsonNode saved = override(body).getBody();

        assertThat(saved.get("user_id").asText()).isEqualTo(userId);
        assertThat(saved.get("updated").asBoolean()).isTrue();
        JsonNode config = saved.get("config");
        assertThat(config.get("bypass_rate_limit").asBoolean()).isFalse();
        assertThat(config.get("global_multiplier").asDouble()).isEqualTo(0.5);
        assertThat(config.get("notes").asText()).isEqualTo("noisy script client");
        assertThat(config.get("rules").get(0).get("algorithm").asText()).isEqualTo("token_bucket");
        Instant created = Instant.parse(config.get("created_at").asText());
        assertThat(Instant.parse(config.get("updated_at").asText())).isEqualTo(created);

        // 2 per minute × 0.5 = 1 per minute, burst 2.0: the bucket holds 2
        ResponseEntity<JsonNode> first = HttpCalls.get(user.http(), "/example-scripts");
        assertThat(header(first, "X-RateLimit-Limit")).isEqualTo("2");
        assertThat(header(first, "X-RateLimit-Remaining")).isEqualTo("1");
        assertThat(HttpCalls.get(user.http(), "/example-scripts").getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> throttled = HttpCalls.get(user.http(), "/example-scripts");
        assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(header(throttled, "Retry-After"))).as("one token a minute").isBetween(30L, 60L);
        assertThat(HttpCalls.get(user.http(), "/k8s-limits").getHeaders().getFirst("X-RateLimit-Limit"))
                .as("the multiplier scales the defaults too").isEqualTo("30");

        JsonNode replaced = override(Map.of("global_multiplier", 3.0)).getBody().get("config");
        assertThat(Instant.parse(replaced.get("created_at").asText())).isEqualTo(created);
        assertThat(Instant.parse(replaced.get("updated_at").asText())).isAfter(created);
        assertThat(replaced.get("rules")).isEmpty();
        JsonNode stored = adminGet("/admin/rate-limits/" + userId).getBody();
        assertThat(stored.get("rate_limit_config").get("global_multiplier").asDouble()).isEqualTo(3.0);

        JsonNode reset = HttpCalls.send(admin.http(), HttpMethod.POST, "/admin/rate-limits/" + userId + "/reset", null)
                .getBody();
        assertThat(reset.get("message").asText()).contains("reset to the defaults");
        assertThat(adminGet("/admin/rate-limits/" + userId).getBody().get("rate_limit_config").isNull())
                .isTrue();
        ResponseEntity<JsonNode> again = HttpCalls.get(user.http(), "/example-scripts");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(header(again, "X-RateLimit-Limit")).isEqualTo("60");
        assertThat(header(again, "X-RateLimit-Remaining")).isEqualTo("59");
    }

    @Test
    void aBypassingUserIsNeverLimited() {
        override(Map.of("rules", List.of(rule("^/api/v1/k8s-limits$", 1, 60, "sliding_window"))));
        HttpCalls.get(user.http(), "/k8s-limits");
        assertThat(HttpCalls.get(user.http(), "/k8s-limits").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        override(Map.of("bypass_rate_limit", true, "rules", List.of(rule("^/api/v1/k8s-limits$", 1, 60, "sliding_window"))));

        for (int call = 0; call < 5; call++) {
            ResponseEntity<JsonNode> served = HttpCalls.get(user.http(), "/k8s-limits");
            assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(served.getHeaders().containsKey("X-RateLimit-Limit")).isFalse();
        }
    }

    @Test
    void healthEndpointsAreNeverLimited() {
        override(Map.of("rules", List.of(rule("^/", 1, 60, "sliding_window"))));

        for (int call = 0; call < 5; call++) {
            ResponseEntity<JsonNode> live = HttpCalls.get(user.http(), "/health/live");
            assertThat(live.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(live.getHeaders().containsKey("X-RateLimit-Limit")).isFalse();
            ResponseEntity<JsonNode> actuator = HttpCalls.get(user.http(), "http://127.0.0.1:" + port + "/actuator/health");
            assertThat(actuator.getHeaders().containsKey("X-RateLimit-Limit")).isFalse();
            assertThat(actuator.getStatusCode().value()).isIn(200, 503);
        }
        assertThat(HttpCalls.get(user.http(), "/example-scripts").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(HttpCalls.get(user.http(), "/example-scripts").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void anInvalidOverrideIsRefusedWithTheContracts422AndNothingChanges() {
        Map<String, Object> badRule = Map.of("endpoint_pattern", "^/api/v1/(", "group", "everything", "requests", 0,
                "window_seconds", 0, "algorithm", "fixed_window", "burst_multiplier", 0.5);

        ResponseEntity<JsonNode> refused = override(Map.of("global_multiplier", 0, "rules", List.of(badRule)));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        List<String> locations = new ArrayList<>();
        refused.getBody().get("detail").forEach(violation -> {
            assertThat(violation.get("msg").asText()).isNotBlank();
            assertThat(violation.get("type").asText()).isNotBlank();
            locations.add(violation.get("loc").toString());
        });
        assertThat(locations).containsExactlyInAnyOrder("[\"body\",\"global_multiplier\"]",
                "[\"body\",\"rules\",0,\"endpoint_pattern\"]", "[\"body\",\"rules\",0,\"group\"]",
                "[\"body\",\"rules\",0,\"requests\"]", "[\"body\",\"rules\",0,\"window_seconds\"]",
                "[\"body\",\"rules\",0,\"algorithm\"]", "[\"body\",\"rules\",0,\"burst_multiplier\"]");
        ResponseEntity<JsonNode> missing = override(Map.of("rules", List.of(Map.of("group", "api"))));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(missing.getBody().get("detail")).extracting(violation -> violation.get("type").asText())
                .containsOnly("missing");
        assertThat(adminGet("/admin/rate-limits/" + userId).getBody().get("rate_limit_config").isNull())
                .isTrue();
    }
}

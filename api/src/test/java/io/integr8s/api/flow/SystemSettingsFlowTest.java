package io.integr8s.api.flow;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.command.system.api.LogLevel;
import io.integr8s.command.system.api.SystemSettingsChanged;
import io.integr8s.command.system.api.SystemSettingsValues;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.BodyInserters;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The admin's system settings over HTTP, and what they change: limits of new runs, admission, log level. */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.coordinator.max-concurrent=2",
                "integr8s.execution.timeout-seconds=5",
                "integr8s.saga.deadline-grace=5s",
                "integr8s.system-settings.log-level-refresh=200ms"})
class SystemSettingsFlowTest {

    static {
        TestHome.fresh("system-settings");
    }

    private static final String SETTINGS = "/admin/settings/";
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every setting away from its default. */
    private static final Map<String, Object> STRICT = Map.ofEntries(
            Map.entry("max_timeout_seconds", 60), Map.entry("memory_limit", "256Mi"), Map.entry("cpu_limit", "500m"),
            Map.entry("max_concurrent_executions", 3), Map.entry("password_min_length", 12),
            Map.entry("session_timeout_minutes", 30), Map.entry("max_login_attempts", 3),
            Map.entry("lockout_duration_minutes", 30), Map.entry("metrics_retention_days", 7),
            Map.entry("log_level", "WARNING"), Map.entry("enable_tracing", false), Map.entry("sampling_rate", 0.5));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    private ApiClient admin;

    @BeforeEach
    void backToDefaults() {
        admin = ApiClient.as(port, "admin", "admin123");
        assertThat(send("POST", "/admin/settings/reset", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> send(String method, String path, Object body) {
        return send(admin, method, path, body);
    }

    private static ResponseEntity<JsonNode> send(ApiClient client, String method, String path, Object body) {
        var request = client.http().method(HttpMethod.valueOf(method)).uri(path);
        var withBody = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return withBody.exchangeToMono(response -> response.toEntity(JsonNode.class)).block(Duration.ofSeconds(10));
    }

    private JsonNode settings() {
        ResponseEntity<JsonNode> response = send("GET", SETTINGS, null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private JsonNode put(Map<String, Object> changes) {
        ResponseEntity<JsonNode> response = send("PUT", SETTINGS, changes);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static Map<String, Object> strictWith(String field, Object value) {
        Map<String, Object> body = new HashMap<>(STRICT);
        body.put(field, value);
        return body;
    }

    private JsonNode limits() {
        return ApiClient.anonymous(port).http().get().uri("/k8s-limits").retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10));
    }

    private static JsonNode json(Map<String, Object> values) {
        return JSON.valueToTree(values);
    }

    @Test
    void beforeAnyChangeTheConfiguredLimitsAndSignInRulesApply() {
        JsonNode defaults = settings();

        assertThat(defaults).isEqualTo(JSON.createObjectNode().put("max_timeout_seconds", 5)
                .put("memory_limit", "128Mi").put("cpu_limit", "1000m").put("max_concurrent_executions", 2)
                .put("password_min_length", 8).put("session_timeout_minutes", 60).put("max_login_attempts", 5)
                .put("lockout_duration_minutes", 15).put("metrics_retention_days", 30).put("log_level", "INFO")
                .put("enable_tracing", true).put("sampling_rate", 0.1));
    }

    @Test
    void putReplacesEverySettingGetShowsThemAndResetRestoresTheDefaults() {
        JsonNode defaults = settings();

        assertThat(put(STRICT)).isEqualTo(json(STRICT));
        assertThat(settings()).isEqualTo(json(STRICT));
        JsonNode limits = limits();
        assertThat(limits.get("execution_timeout").asInt()).isEqualTo(60);
        assertThat(limits.get("memory_limit").asText()).isEqualTo("256Mi");
        assertThat(limits.get("cpu_limit").asText()).isEqualTo("500m");

        ResponseEntity<JsonNode> reset = send("POST", "/admin/settings/reset", null);
        assertThat(reset.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reset.getBody()).isEqualTo(defaults);
        assertThat(settings()).isEqualTo(defaults);
        assertThat(limits().get("execution_timeout").asInt()).isEqualTo(5);
    }

    @Test
    void aFieldLeftOutTakesItsDefault() {
        put(STRICT);

        JsonNode after = put(Map.of("max_timeout_seconds", 30));

        assertThat(settings()).isEqualTo(after);
        assertThat(after.get("max_timeout_seconds").asInt()).isEqualTo(30);
        assertThat(after.get("memory_limit").asText()).isEqualTo("128Mi");
        assertThat(after.get("log_level").asText()).isEqualTo("INFO");
    }

    @Test
    void valuesOutOfTheirBoundsAre422NamingEachAndChangeNothing() {
        put(STRICT);

        Map<String, Object> bad = strictWith("max_timeout_seconds", 3601);
        bad.put("memory_limit", "512MB");
        bad.put("sampling_rate", 1.5);
        ResponseEntity<JsonNode> response = send("PUT", SETTINGS, bad);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        List<String> fields = response.getBody().get("detail").findValues("loc").stream()
                .map(loc -> loc.get(0).asText() + "." + loc.get(1).asText()).toList();
        assertThat(fields).containsExactly("body.max_timeout_seconds", "body.memory_limit", "body.sampling_rate");
        JsonNode first = response.getBody().get("detail").get(0);
        assertThat(first.get("msg").asText()).isEqualTo("Must be between 1 and 3600, got 3601");
        assertThat(first.get("input").asInt()).isEqualTo(3601);
        assertThat(first.get("type").asText()).isEqualTo("value_error");
        assertThat(settings()).isEqualTo(json(STRICT));
    }

    @Test
    void wrongTypesUnknownLogLevelsAndMissingBodiesAre422AndChangeNothing() {
        put(STRICT);

        for (Object bad : List.of(strictWith("max_timeout_seconds", "soon"), strictWith("log_level", "VERBOSE"),
                strictWith("enable_tracing", List.of(1)), "null".getBytes(), "[]".getBytes(), new byte[0])) {
            ResponseEntity<JsonNode> response = send("PUT", SETTINGS, bad);
            assertThat(response.getStatusCode()).as("%s", bad).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(response.getBody().get("detail").isArray()).isTrue();
        }
        assertThat(settings()).isEqualTo(json(STRICT));
    }

    @Test
    void plainUsersCanNeitherReadNorChangeTheSettings() {
        ApiClient user = ApiClient.as(port, "user", "user123");

        assertThat(send(user, "GET", SETTINGS, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send(user, "PUT", SETTINGS, STRICT).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send(user, "POST", "/admin/settings/reset", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(settings().get("max_timeout_seconds").asInt()).isEqualTo(5);
    }

    @Test
    void everyChangeIsRecordedWithWhatItReplacedWhoAndWhen() {
        String adminId = send("GET", "/auth/me", null).getBody().get("user_id").asText();
        Instant before = Instant.now();

        put(STRICT);

        SystemSettingsChanged change = lastChange();
        assertThat(change.changedBy()).isEqualTo(adminId);
        assertThat(change.changedAt()).isBetween(before, Instant.now());
        assertThat(change.reset()).isFalse();
        assertThat(change.settings().logLevel()).isEqualTo(LogLevel.WARNING);
        assertThat(change.settings().memoryLimit()).isEqualTo("256Mi");
        assertThat(change.previous().logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(change.previous().memoryLimit()).isEqualTo("128Mi");

        send("POST", "/admin/settings/reset", null);

        SystemSettingsChanged reset = lastChange();
        assertThat(reset.reset()).isTrue();
        assertThat(reset.previous()).isEqualTo(change.settings());
        assertThat(reset.settings()).isEqualTo(change.previous());
    }

    private SystemSettingsChanged lastChange() {
        return eventStore.readEvents(SystemSettingsValues.AGGREGATE_ID).asStream().map(EventMessage::getPayload)
                .map(SystemSettingsChanged.class::cast).reduce((earlier, later) -> later).orElseThrow();
    }

    @Test
    void aLowerTimeoutMakesTheNextExecutionTimeOutAtIt() {
        ApiClient user = ApiClient.as(port, "user", "user123");
        put(strictWith("max_timeout_seconds", 1));

        JsonNode result = user.awaitStatus(user.submit("import time\ntime.sleep(4)\nprint('done')"), RUN,
                "completed", "failed", "timeout");

        assertThat(result.get("status").asText()).as("%s", result).isEqualTo("timeout");
        assertThat(result.get("message").asText()).isEqualTo("wall-clock limit of 1 s exceeded");
        assertThat(result.get("resource_usage").get("execution_time_wall_seconds").asDouble()).isLessThan(4);
    }

    @Test
    void aLowerMemoryLimitMakesAHungryScriptFailWhereItPassedBefore() {
        ApiClient user = ApiClient.as(port, "user", "user123");
        String hungry = "blob = b'x' * (48 << 20)\nprint('survived')";
        JsonNode before = user.awaitStatus(user.submit(hungry), RUN, "completed", "failed", "timeout");
        assertThat(before.get("status").asText()).as("%s", before).isEqualTo("completed");
        assertThat(before.get("stdout").asText()).isEqualTo("survived\n");

        put(strictWith("memory_limit", "32Mi"));
        JsonNode after = user.awaitStatus(user.submit(hungry), RUN, "completed", "failed", "timeout");

        assertThat(after.get("status").asText()).as("%s", after).isEqualTo("failed");
        assertThat(after.get("error_type").asText()).isEqualTo("resource_limit");
        assertThat(after.get("message").asText()).isEqualTo("memory limit of 32 MiB exceeded");
    }

    @Test
    void withOneConcurrentExecutionASecondOneWaitsUntilTheFirstEnds() {
        ApiClient user = ApiClient.as(port, "user", "user123");
        put(strictWith("max_concurrent_executions", 1));
        String first = user.submit("import time\ntime.sleep(50)");
        user.awaitStatus(first, RUN, "running");

        String second = user.submit("print('my turn')");

        await().atMost(Duration.ofSeconds(10)).until(() -> "waiting".equals(queueState(second)));
        user.awaitStatus(second, RUN, "queued");
        assertThat(user.result(first).get("status").asText()).isEqualTo("running");
        user.cancel(first);
        JsonNode result = user.awaitStatus(second, RUN, "completed", "failed", "timeout");
        assertThat(result.get("stdout").asText()).as("%s", result).isEqualTo("my turn\n");
    }

    /** The coordinator's view of an execution: waiting, admitted, or null once it ended. */
    private String queueState(String executionId) {
        return jdbc.queryForList("SELECT state FROM coordinator_queue WHERE execution_id = ?", String.class,
                executionId).stream().findFirst().orElse(null);
    }

    @Test
    void signInFollowsThePasswordLengthLockoutAndSessionSettings() {
        put(Map.of("password_min_length", 12, "max_login_attempts", 3, "lockout_duration_minutes", 30,
                "session_timeout_minutes", 5));
        String name = "policy" + System.nanoTime();
        Map<String, Object> account = Map.of("username", name, "email", name + "@example.org", "password", "eleven-char");
        ResponseEntity<JsonNode> tooShort = send(ApiClient.anonymous(port), "POST", "/auth/register", account);
        assertThat(tooShort.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(tooShort.getBody().toString()).contains("at least 12 characters");
        assertThat(send(ApiClient.anonymous(port), "POST", "/auth/register",
                Map.of("username", name, "email", name + "@example.org", "password", "twelve-chars")).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<String> session = ApiClient.anonymous(port).http().post().uri("/auth/login")
                .body(BodyInserters.fromFormData("username", name).with("password", "twelve-chars"))
                .retrieve().toEntity(String.class).block(Duration.ofSeconds(10));
        assertThat(session.getHeaders().get(HttpHeaders.SET_COOKIE)).anyMatch(cookie -> cookie.contains("Max-Age=300"));

        List<HttpStatusCode> attempts = IntStream.range(0, 3).mapToObj(i -> ApiClient.anonymous(port).http().post()
                .uri("/auth/login").body(BodyInserters.fromFormData("username", name).with("password", "wrong"))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .block(Duration.ofSeconds(10))).toList();
        assertThat(attempts).containsExactly(HttpStatus.UNAUTHORIZED, HttpStatus.UNAUTHORIZED, HttpStatus.LOCKED);
    }

    @Test
    void theLogLevelOfTheIntegr8sLoggersFollowsTheSettings() {
        Logger integr8s = (Logger) LoggerFactory.getLogger("io.integr8s");
        await().atMost(Duration.ofSeconds(5)).until(() -> integr8s.getLevel() == Level.INFO);

        put(strictWith("log_level", "DEBUG"));
        await().atMost(Duration.ofSeconds(5)).until(() -> integr8s.getLevel() == Level.DEBUG);

        put(strictWith("log_level", "CRITICAL"));
        await().atMost(Duration.ofSeconds(5)).until(() -> integr8s.getLevel() == Level.ERROR);
    }
}

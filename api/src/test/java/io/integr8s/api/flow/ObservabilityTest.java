package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations on the embedded stack: the Grafana dashboard's metrics exist after one execution, logs are JSON lines
 * carrying the message ids and never a script or a secret, the health probes (anonymous) beside metrics and health
 * details (an admin or the scrape token only) and the generated OpenAPI document.
 */
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.metrics.processor-lag-refresh=200ms",
                "logging.structured.format.console=ecs",
                "integr8s.security.jwt-secret=" + ObservabilityTest.JWT_SECRET,
                "integr8s.management.scrape-token=" + ObservabilityTest.SCRAPE_TOKEN,
                "integr8s.notifications.webhook.signing-secret=" + ObservabilityTest.WEBHOOK_SECRET})
class ObservabilityTest {

    static {
        TestHome.fresh("observability");
    }

    static final String JWT_SECRET = "jwt-secret-marker-3f9c2a7e1b5d4c8a9e0f1a2b3c4d5e6f";
    static final String WEBHOOK_SECRET = "webhook-secret-marker-8d7c6b5a";
    static final String SCRAPE_TOKEN = "scrape-token-marker-5e1d0c9b8a7f";
    private static final Path DASHBOARD = Path.of("..", "k8s", "grafana", "integr8s-dashboard.json");
    /** A metric selector in PromQL: a name followed by its label matchers (every selector of the dashboard has some). */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)");
    /**
     * Contract operations this build does not serve yet. Shrink it as they land; the test fails on an entry we serve.
     */
    private static final Set<String> NOT_YET_SERVED = Set.of("DELETE /api/v1/executions/{}");

    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    private WebClient root() {
        return WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
    }

    /** The root of the server as Prometheus sees it: the scrape token in {@code Authorization: Bearer}. */
    private WebClient scraper() {
        return root().mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + SCRAPE_TOKEN).build();
    }

    private String scrape() {
        return scraper().get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private int status(WebClient client, String path) {
        return HttpReply.send(client, HttpMethod.GET, URI.create(url(path)), null, null).status();
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposedAfterOneExecution() throws IOException {
        Set<String> referenced = dashboardMetricNames();
        assertThat(referenced).contains("integr8s_executions_total", "integr8s_coordinator_queue_depth",
                "integr8s_execution_phase_seconds_bucket", "integr8s_processor_lag_events");

        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit("print('measured')");
        api.streamToEnd(id, null, Duration.ofSeconds(30));
        api.awaitStatus(id, Duration.ofSeconds(10), "completed");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<String> exposed = exposedNames(scrape());
            assertThat(referenced).allSatisfy(name -> assertThat(exposed).as("exposed metric names").contains(name));
        });
        String scrape = scrape();
        assertThat(scrape).contains("integr8s_executions_total{error_type=\"none\",lang=\"python\",status=\"completed\"");
        assertThat(scrape).containsPattern("integr8s_execution_phase_seconds_count\\{phase=\"submit_to_terminal\"\\} [1-9]");
        assertThat(scrape).containsPattern("integr8s_sse_events_total\\{stream=\"execution\"\\} [1-9]");
        assertThat(scrape).doesNotContain(id);
    }

    @Test
    void logsAreJsonLinesWithTheMessageIdsAndNeverTheScriptOrASecret(CapturedOutput output) {
        String password = "password-marker-" + UUID.randomUUID();
        String username = "observed" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<JsonNode> registered = HttpCalls.send(ApiClient.anonymous(port).http(),
                HttpMethod.POST, "/auth/register",
                Map.of("username", username, "email", username + "@example.org", "password", password));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.OK);
        String userId = registered.getBody().get("user_id").asText();
        ApiClient api = ApiClient.as(port, username, password);
        String scriptMarker = "script-marker-" + UUID.randomUUID();
        String id = api.submit("marker = '" + scriptMarker + "'\nprint(len(marker))");
        api.awaitStatus(id, Duration.ofSeconds(30), "completed");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> ended = jsonLines(output.getOut()).stream()
                    .filter(line -> line.path("message").asText().contains("ended completed"))
                    .filter(line -> line.path("execution_id").asText().equals(id))
                    .toList();
            assertThat(ended).as("the JSON log line of the execution's end").isNotEmpty();
            assertThat(ended.get(0).path("user_id").asText()).isEqualTo(userId);
            assertThat(ended.get(0).path("correlation_id").asText()).isNotBlank();
            assertThat(ended.get(0).path("causation_id").asText()).isNotBlank();
        });
        List<String> secrets = List.of(scriptMarker, password, api.session().accessToken(),
                api.session().csrfToken(), JWT_SECRET, WEBHOOK_SECRET);
        // only the offending lines go into a failure message: the whole output would be megabytes
        List<String> leaking = output.getAll().lines()
                .filter(line -> secrets.stream().anyMatch(line::contains))
                .map(line -> line.length() > 2_000 ? line.substring(0, 2_000) + "…" : line)
                .toList();
        assertThat(leaking).as("log lines holding the script, the password, a token or a secret").isEmpty();
    }

    @Test
    void healthAnswersLivenessAndReadinessOfThisInstancesRoles() {
        WebClient anonymous = ApiClient.anonymous(port).http();
        ResponseEntity<JsonNode> live = HttpCalls.get(anonymous, "/health/live");
        assertThat(live.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(live.getBody().get("status").asText()).isEqualTo("ok");
        assertThat(live.getBody().has("uptime_seconds")).isTrue();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ResponseEntity<JsonNode> ready = HttpCalls.get(anonymous, "/health/ready");
            assertThat(ready.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(fieldNames(ready.getBody().get("components"))).containsExactlyInAnyOrder(
                    "readinessState", "eventProcessors", "db", "readModels", "redis", "kafka", "localSandbox");
        });
        ResponseEntity<JsonNode> probe = HttpCalls.get(root(), "/actuator/health/readiness");
        assertThat(probe.getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> liveness = HttpCalls.get(root(), "/actuator/health/liveness");
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> livenessInDetail = HttpCalls.get(scraper(), "/actuator/health/liveness");
        assertThat(fieldNames(livenessInDetail.getBody().get("components")))
                .containsExactlyInAnyOrder("livenessState", "ping");
    }

    @Test
    void metricsAndHealthDetailsNeedAnAdminOrTheScrapeTokenWhileTheProbesStayAnonymous() {
        WebClient anonymous = root();
        WebClient wrongToken = root().mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + SCRAPE_TOKEN + "x").build();
        WebClient user = ApiClient.as(port, "user", "user123").http();
        WebClient admin = ApiClient.as(port, "admin", "admin123").http();

        for (String path : List.of("/actuator/prometheus", "/actuator", "/actuator/health/db", "/actuator/health/readinessState")) {
            assertThat(status(anonymous, path)).as("anonymous %s", path).isEqualTo(401);
            assertThat(status(wrongToken, path)).as("wrong token %s", path).isEqualTo(401);
            assertThat(status(user, path)).as("a user's session %s", path).isEqualTo(403);
        }
        for (WebClient allowed : List.of(scraper(), admin)) {
            ResponseEntity<String> metrics = allowed.get().uri(url("/actuator/prometheus")).retrieve()
                    .toEntity(String.class).block(Duration.ofSeconds(10));
            assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ResponseEntity<JsonNode> health = HttpCalls.get(allowed, url("/actuator/health"));
                assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
                assertThat(health.getBody().get("components").get("db").has("details")).isTrue();
            });
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (WebClient client : List.of(anonymous, user)) {
                ResponseEntity<JsonNode> health = HttpCalls.get(client, url("/actuator/health"));
                assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
                assertThat(health.getBody().has("status")).isTrue();
                assertThat(fieldNames(health.getBody())).doesNotContain("components", "details");
            }
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness", "/api/v1/health/live")) {
                assertThat(HttpCalls.get(anonymous, url(probe)).getStatusCode()).as(probe).isEqualTo(HttpStatus.OK);
            }
            ResponseEntity<JsonNode> ready = HttpCalls.get(anonymous, url("/api/v1/health/ready"));
            assertThat(ready.getStatusCode()).isEqualTo(HttpStatus.OK);
            ready.getBody().get("components").forEach(component ->
                    assertThat(fieldNames(component)).as("a readiness component").containsExactly("status"));
        });
    }

    @Test
    void ourOpenApiDocumentServesEveryContractOperationAsTheContractNamesIt() throws IOException {
        ResponseEntity<JsonNode> document = HttpCalls.get(root(), "/v3/api-docs");
        assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(root().get().uri("/swagger-ui.html").exchangeToMono(response -> response.releaseBody()
                .thenReturn(response.statusCode().value())).block(Duration.ofSeconds(10))).isIn(200, 302);

        Set<String> ours = operations(document.getBody());
        Set<String> contract;
        try (InputStream in = ObservabilityTest.class.getResourceAsStream("/contract/openapi.json")) {
            contract = operations(json.readTree(in));
        }
        Set<String> missing = new TreeSet<>(contract);
        missing.removeAll(ours);
        assertThat(missing).as("contract operations absent from our document and not listed as not yet served")
                .isSubsetOf(NOT_YET_SERVED);
        Set<String> servedButListed = new TreeSet<>(NOT_YET_SERVED);
        servedButListed.retainAll(ours);
        assertThat(servedButListed).as("served now: drop them from NOT_YET_SERVED").isEmpty();
        assertThat(NOT_YET_SERVED).as("every not-yet-served entry names a contract operation").isSubsetOf(contract);
        assertThat(ours).as("our additions").contains("GET /api/v1/health/ready");
    }

    private Set<String> dashboardMetricNames() throws IOException {
        String dashboard = Files.readString(DASHBOARD);
        Set<String> names = new TreeSet<>();
        for (JsonNode expression : json.readTree(dashboard).findValues("expr")) {
            Matcher selector = SELECTOR.matcher(expression.asText());
            int found = 0;
            while (selector.find()) {
                names.add(selector.group(1));
                found++;
            }
            assertThat(found).as("metric selectors in %s", expression.asText()).isPositive();
        }
        Matcher variable = LABEL_VALUES.matcher(dashboard);
        while (variable.find()) {
            names.add(variable.group(1));
        }
        return names;
    }

    private static Set<String> exposedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /** "METHOD /path" with every path parameter written {} (ours say {executionId}, the contract {execution_id}). */
    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey().replaceAll("\\{[^}]+}", "{}"));
            }
        }));
        return operations;
    }

    private List<JsonNode> jsonLines(String out) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(json.readTree(line));
                } catch (IOException notJson) {
                    // a line of a multi-line message; the JSON lines are what is checked
                }
            }
        }
        return lines;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** A plain HTTP client of the public contract, as a script or the web UI would use it. */
final class ApiClient {

    private static final ParameterizedTypeReference<ServerSentEvent<JsonNode>> SSE = new ParameterizedTypeReference<>() {
    };

    private final WebClient http;
    private final Session session;

    private ApiClient(WebClient http, Session session) {
        this.http = http;
        this.session = session;
    }

    /** The session cookies and CSRF token a login handed out. */
    record Session(String accessToken, String csrfToken) {
    }

    static ApiClient anonymous(int port) {
        return new ApiClient(base(port).build(), null);
    }

    /** Logs in like the browser UI: the client then sends both cookies and the {@code X-CSRF-Token} header. */
    static ApiClient as(int port, String username, String password) {
        Session session = login(port, username, password);
        WebClient http = base(port)
                .defaultCookie("access_token", session.accessToken())
                .defaultCookie("csrf_token", session.csrfToken())
                .defaultHeader("X-CSRF-Token", session.csrfToken())
                .build();
        return new ApiClient(http, session);
    }

    /** A script client: the token in {@code Authorization: Bearer}, no cookies, no CSRF token. */
    static ApiClient bearer(int port, String token) {
        return new ApiClient(base(port).defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build(), null);
    }

    /** The status a login answers (200, 401, 423…), for tests of sign-in itself. */
    static HttpStatusCode loginStatus(int port, String username, String password) {
        return base(port).build().post().uri("/auth/login")
                .body(BodyInserters.fromFormData("username", username).with("password", password))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .block(Duration.ofSeconds(10));
    }

    static Session login(int port, String username, String password) {
        ResponseEntity<JsonNode> response = base(port).build().post().uri("/auth/login")
                .body(BodyInserters.fromFormData("username", username).with("password", password))
                .retrieve().toEntity(JsonNode.class).block(Duration.ofSeconds(10));
        List<String> cookies = response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
        return new Session(cookie(cookies, "access_token"), response.getBody().get("csrf_token").asText());
    }

    private static String cookie(List<String> setCookies, String name) {
        return setCookies.stream().filter(header -> header.startsWith(name + "="))
                .map(header -> header.substring(name.length() + 1, header.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in " + setCookies));
    }

    private static WebClient.Builder base(int port) {
        return WebClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024));
    }

    Session session() {
        return session;
    }

    String submit(String script) {
        return submit(script, "python", "3.11");
    }

    String submit(String script, String lang, String langVersion) {
        JsonNode response = http.post().uri("/execute").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("script", script, "lang", lang, "lang_version", langVersion))
                .retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(10));
        return response.get("execution_id").asText();
    }

    String submit(String script, String idempotencyKey) {
        return http.post().uri("/execute").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey)
                .bodyValue(Map.of("script", script, "lang", "python", "lang_version", "3.11"))
                .retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(10)).get("execution_id").asText();
    }

    JsonNode result(String executionId) {
        return http.get().uri("/executions/{id}/result", executionId).retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10));
    }

    JsonNode awaitStatus(String executionId, Duration within, String... statuses) {
        List<String> wanted = List.of(statuses);
        await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> wanted.contains(result(executionId).get("status").asText()));
        return result(executionId);
    }

    JsonNode cancel(String executionId) {
        return http.post().uri("/executions/{id}/cancel", executionId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "test cancels it")).retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10));
    }

    Flux<ServerSentEvent<JsonNode>> stream(String executionId, String lastEventId) {
        return http.get().uri("/events/executions/{id}", executionId).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve().bodyToFlux(SSE);
    }

    /** The whole stream until the server closes it; fails if it does not close in time. */
    List<ServerSentEvent<JsonNode>> streamToEnd(String executionId, String lastEventId, Duration within) {
        return stream(executionId, lastEventId).filter(event -> event.data() != null)
                .collectList().block(within);
    }

    WebClient http() {
        return http;
    }
}

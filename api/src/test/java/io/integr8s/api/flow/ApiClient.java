package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
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

    ApiClient(int port) {
        this.http = WebClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
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

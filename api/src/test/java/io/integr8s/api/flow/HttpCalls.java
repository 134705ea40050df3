package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;

/** One request with whatever status it gets (no exception on 4xx/5xx): status, headers and JSON body to assert on. */
final class HttpCalls {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private HttpCalls() {
    }

    static ResponseEntity<JsonNode> get(WebClient http, String uri) {
        return http.get().uri(uri).exchangeToMono(response -> response.toEntity(JsonNode.class)).block(WITHIN);
    }

    static ResponseEntity<JsonNode> send(WebClient http, HttpMethod method, String uri, Object body) {
        WebClient.RequestBodySpec request = http.method(method).uri(uri);
        WebClient.RequestHeadersSpec<?> withBody = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return withBody.exchangeToMono(response -> response.toEntity(JsonNode.class)).block(WITHIN);
    }
}

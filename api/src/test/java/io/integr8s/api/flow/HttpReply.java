package io.integr8s.api.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Any response, error or not, as a raw client sees it; and the checks every response of ours must pass. */
record HttpReply(int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends {@code body} (null = none) as {@code type} to {@code path} (relative to the client's base URL). */
    static HttpReply send(WebClient http, HttpMethod method, String path, MediaType type, String body,
                          Consumer<HttpHeaders> headers) {
        return send(http.method(method)
                .uri(builder -> builder.path(path.contains("?") ? path.substring(0, path.indexOf('?')) : path)
                        .query(path.contains("?") ? path.substring(path.indexOf('?') + 1) : null).build()), type, body, headers);
    }

    /** Sends to an absolute, already encoded {@code uri}. */
    static HttpReply send(WebClient http, HttpMethod method, URI uri, MediaType type, String body) {
        return send(http.method(method).uri(uri), type, body, headers -> {
        });
    }

    private static HttpReply send(WebClient.RequestBodySpec request, MediaType type, String body, Consumer<HttpHeaders> headers) {
        request.headers(headers);
        if (type != null) {
            request.contentType(type);
        }
        WebClient.RequestHeadersSpec<?> ready = body == null ? request : request.bodyValue(body);
        return ready.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(text -> new HttpReply(response.statusCode().value(), response.headers().asHttpHeaders(), text)))
                .block(Duration.ofSeconds(20));
    }

    static HttpReply send(WebClient http, HttpMethod method, String path, MediaType type, String body) {
        return send(http, method, path, type, body, headers -> {
        });
    }

    static HttpReply json(WebClient http, HttpMethod method, String path, String body) {
        return send(http, method, path, MediaType.APPLICATION_JSON, body);
    }

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON (status " + status + "): " + body, e);
        }
    }

    /** API.md: these headers on every response. */
    HttpReply hasSecurityHeaders() {
        assertThat(headers.getFirst("X-Content-Type-Options")).as("nosniff on %s", this).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).as("frame options on %s", this).isEqualTo("DENY");
        assertThat(headers.getFirst("Referrer-Policy")).as("referrer policy on %s", this)
                .isEqualTo("strict-origin-when-cross-origin");
        assertThat(headers.getFirst("Content-Security-Policy")).as("CSP on %s", this).contains("default-src");
        return this;
    }

    /** No stack trace, exception or Java type in the body. */
    HttpReply leaksNothing() {
        assertThat(body).as("body of %s", this).doesNotContain("Exception", "\tat ", "java.", "io.integr8s",
                "org.springframework", "com.fasterxml", "reactor.", "stackTrace", "\"trace\"");
        return this;
    }

    /** {@code {"detail": "...", "type": "..."}}. */
    HttpReply isError(int expectedStatus, String type) {
        assertThat(status).as("status of %s", this).isEqualTo(expectedStatus);
        JsonNode error = json();
        assertThat(error.get("detail").isTextual()).as("detail of %s", this).isTrue();
        assertThat(error.get("type").asText()).as("type of %s", this).isEqualTo(type);
        return hasSecurityHeaders().leaksNothing();
    }

    /** 422 whose first violation is at {@code loc} with a message; returns that violation. */
    JsonNode isInvalidAt(Object... loc) {
        assertThat(status).as("status of %s", this).isEqualTo(422);
        hasSecurityHeaders().leaksNothing();
        JsonNode violation = json().get("detail").get(0);
        assertThat(violation.get("loc").toString()).as("loc in %s", this).isEqualTo(JSON.valueToTree(loc).toString());
        assertThat(violation.get("msg").asText()).as("msg in %s", this).isNotBlank();
        assertThat(violation.get("type").asText()).as("type in %s", this).isNotBlank();
        return violation;
    }
}

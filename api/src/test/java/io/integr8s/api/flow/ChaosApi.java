package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The public API of an instance that may vanish at any moment: every call either gets an HTTP answer or reports the
 * server unreachable ({@link Optional#empty()}), never waits long. Signs in as the demo user; the session survives
 * restarts (the signing key lives in the home).
 */
final class ChaosApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile int port;
    private volatile String token;

    /** An HTTP answer: status and parsed body (a JSON null when there is none). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** Points the client at a (re)started instance and signs in there. */
    void connect(int port, String username, String password) throws IOException, InterruptedException {
        this.port = port;
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<Void> login = http.send(HttpRequest.newBuilder(uri("/auth/login")).timeout(CALL)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        this.token = login.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("access_token="))
                .map(c -> c.substring("access_token=".length(), c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("cannot sign in as " + username + ": " + login.statusCode()));
    }

    /** The execution id if the API acknowledged the submission (2xx), empty otherwise. */
    Optional<String> submit(String script, String idempotencyKey) {
        HttpRequest.Builder request = authorized("/execute")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("script", script, "lang", "python",
                        "lang_version", "3.11"))));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request).filter(Reply::ok).map(reply -> reply.body().get("execution_id").asText());
    }

    Optional<Reply> cancel(String executionId) {
        return send(authorized("/executions/" + executionId + "/cancel").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("reason", "the chaos test cancels it")))));
    }

    Optional<Reply> result(String executionId) {
        return send(authorized("/executions/" + executionId + "/result").GET());
    }

    Optional<Reply> events(String executionId) {
        return send(authorized("/executions/" + executionId + "/events").GET());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1" + path);
    }

    private Optional<Reply> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(CALL).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return Optional.of(new Reply(response.statusCode(),
                    body == null || body.isBlank() ? JSON.nullNode() : parse(body)));
        } catch (IOException unreachable) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.integr8s.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The public HTTP contract as the load driver uses it: bearer sessions, submit, result, SSE. Loopback only. */
final class BenchClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI base;
    private final String token;

    private BenchClient(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    static BenchClient login(URI base, String username, String password) {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bench-http");
            thread.setDaemon(true);
            return thread;
        })).connectTimeout(Duration.ofSeconds(5)).build();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(base.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        String token = response.headers().allValues("set-cookie").stream()
                .filter(cookie -> cookie.startsWith("access_token="))
                .map(cookie -> cookie.substring("access_token=".length(), cookie.indexOf(';')))
                .findFirst().orElseThrow(() -> new IllegalStateException("login of " + username + " failed: "
                        + response.statusCode() + " " + response.body()));
        return new BenchClient(http, base, token);
    }

    JsonNode get(String path) {
        return json(send(http, request(path).GET().build()));
    }

    JsonNode post(String path, Object body) {
        return json(send(http, request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build()));
    }

    JsonNode put(String path, Object body) {
        return json(send(http, request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))).build()));
    }

    String submit(String script) {
        return post("/api/v1/execute", Map.of("script", script, "lang", "python", "lang_version", "3.11"))
                .get("execution_id").asText();
    }

    /** A GET answered asynchronously, for open-loop load; completes with the status code. */
    CompletableFuture<Integer> getAsync(String path) {
        return http.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    /** Opens the execution's SSE stream; the listener sees each {@code data:} line and the time it arrived. */
    CompletableFuture<Void> stream(String executionId, SseListener listener) {
        HttpRequest request = request("/api/v1/events/executions/" + executionId).header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(10)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenAccept(response -> {
            try (InputStream body = response.body();
                 BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                listener.opened(System.nanoTime());
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:") && !listener.data(JSON.readTree(line.substring(5)), System.nanoTime())) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    interface SseListener {

        void opened(long atNanos);

        /** @return false to stop reading */
        boolean data(JsonNode message, long atNanos);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

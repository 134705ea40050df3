package io.integr8s.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The platform's used heap, summed over its heap pools, from its own Prometheus scrape with the scrape token
 * {@code bench/platform.sh} gave it ({@code INTEGR8S_MANAGEMENT_SCRAPE_TOKEN}).
 */
final class HeapUsage {

    private HeapUsage() {
    }

    static long usedMiB(URI base) {
        try {
            String token = System.getenv().getOrDefault("INTEGR8S_MANAGEMENT_SCRAPE_TOKEN", "");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    base.resolve("/actuator/prometheus")).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("status " + response.statusCode() + " (is INTEGR8S_MANAGEMENT_SCRAPE_TOKEN the platform's?)");
            }
            String scrape = response.body();
            double bytes = scrape.lines()
                    .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
            return (long) (bytes / (1024 * 1024));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scrape /actuator/prometheus: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package io.integr8s.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /executions/{id}/result} at a fixed arrival rate (open loop: requests are sent on schedule whether or
 * not earlier ones answered), for a bounded time.
 */
final class ResultUnderLoad {

    record Outcome(double requestsPerSecond, Percentiles latency, int errors) {
    }

    private ResultUnderLoad() {
    }

    static Outcome measure(BenchClient client, String executionId, int ratePerSecond, int seconds) {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        long start = System.nanoTime();
        int total = ratePerSecond * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            inFlight.add(client.getAsync("/api/v1/executions/" + executionId + "/result").whenComplete((status, error) -> {
                latencies.add(System.nanoTime() - sent);
                if (error != null || status != 200) {
                    errors.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Outcome(total / elapsed, Percentiles.of(latencies), errors.get());
    }
}

package io.integr8s.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code clients} SSE connections spread over {@code executions} executions that run for a few seconds: every client
 * must receive {@code result_stored}; delivery latency is its arrival minus the event's own timestamp (one clock).
 */
final class SseFanout {

    record Outcome(int clients, int delivered, Percentiles delivery) {
    }

    private static final String SCRIPT = "import time\ntime.sleep(4)\nprint(1)";

    private SseFanout() {
    }

    static Outcome measure(BenchClient client, int clients, int executions) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < executions; i++) {
            ids.add(client.submit(SCRIPT));
        }
        CountDownLatch opened = new CountDownLatch(clients);
        List<Long> delivery = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> streams = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            streams.add(client.stream(ids.get(c % executions), new BenchClient.SseListener() {
                @Override
                public void opened(long atNanos) {
                    opened.countDown();
                }

                @Override
                public boolean data(JsonNode message, long atNanos) {
                    if (!"result_stored".equals(message.path("event_type").asText())) {
                        return true;
                    }
                    long eventMillis = Instant.parse(message.path("timestamp").asText()).toEpochMilli();
                    delivery.add((System.currentTimeMillis() - eventMillis) * 1_000_000);
                    return false;
                }
            }));
        }
        opened.await(60, TimeUnit.SECONDS);
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).orTimeout(120, TimeUnit.SECONDS)
                .exceptionally(error -> null).join();
        return new Outcome(clients, delivery.size(), Percentiles.of(delivery));
    }
}

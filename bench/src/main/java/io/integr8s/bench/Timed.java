package io.integr8s.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One {@code print(1)} through the platform: submit, then its SSE stream until {@code result_stored}. */
record Timed(long toFirstByteNanos, long toResultNanos, String status) {

    private static final String SCRIPT = "print(1)";

    static Timed run(BenchClient client) {
        long start = System.nanoTime();
        String executionId = client.submit(SCRIPT);
        AtomicLong firstByte = new AtomicLong();
        AtomicLong stored = new AtomicLong();
        String[] status = new String[1];
        CompletableFuture<Void> stream = client.stream(executionId, new BenchClient.SseListener() {
            @Override
            public void opened(long atNanos) {
                firstByte.set(atNanos);
            }

            @Override
            public boolean data(JsonNode message, long atNanos) {
                if ("result_stored".equals(message.path("event_type").asText())) {
                    stored.set(atNanos);
                    status[0] = message.path("result").path("status").asText();
                    return false;
                }
                return true;
            }
        });
        try {
            stream.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("execution " + executionId + " did not reach result_stored: " + e, e);
        }
        return new Timed(firstByte.get() - start, stored.get() - start, status[0]);
    }
}

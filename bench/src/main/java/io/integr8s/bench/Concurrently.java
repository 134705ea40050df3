package io.integr8s.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Runs a task from {@code workers} threads until {@code total} runs are done or {@code deadlineNanos} passes. */
final class Concurrently {

    private Concurrently() {
    }

    static <T> List<T> run(int workers, int total, long deadlineNanos, Supplier<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        List<Future<List<T>>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                List<T> mine = new ArrayList<>();
                while (started.incrementAndGet() <= total && System.nanoTime() < deadlineNanos) {
                    mine.add(task.get());
                }
                return mine;
            }));
        }
        List<T> results = new ArrayList<>();
        try {
            for (Future<List<T>> future : futures) {
                results.addAll(future.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("a load worker failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return results;
    }
}

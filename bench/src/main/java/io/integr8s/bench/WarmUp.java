package io.integr8s.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Loads the platform in rounds until its throughput stops rising. The all-in-one JVM holds the platform, Kafka, the
 * Mongo-wire server and their clients; on two cores its JIT compilers keep a core busy for minutes, and a platform
 * measured before that is measured half-compiled (the first runs measured 2× the warm latency).
 */
final class WarmUp {

    /** Steady: two rounds in a row no more than this fraction faster than the best round before them. */
    private static final double STEADY = 0.05;

    private WarmUp() {
    }

    /** Rounds of {@code roundSeconds} with {@code workers} submitters, until steady or {@code maxSeconds} passed. */
    static Outcome untilSteady(int workers, int roundSeconds, int maxSeconds, Supplier<?> execution) {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(maxSeconds);
        List<Double> rates = new ArrayList<>();
        while (System.nanoTime() < end) {
            long roundStart = System.nanoTime();
            int runs = Concurrently.run(workers, Integer.MAX_VALUE,
                    Math.min(end, roundStart + TimeUnit.SECONDS.toNanos(roundSeconds)), execution).size();
            double rate = runs / ((System.nanoTime() - roundStart) / 1e9);
            rates.add(rate);
            Bench.progress("warm-up round %d: %.1f executions/s", rates.size(), rate);
            if (isSteady(rates)) {
                break;
            }
        }
        return new Outcome(rates, isSteady(rates), (System.nanoTime() - start) / 1e9);
    }

    /** One slow round is noise (a GC, a compile burst); two in a row without a gain mean the JIT has settled. */
    private static boolean isSteady(List<Double> rates) {
        int n = rates.size();
        if (n < 3) {
            return false;
        }
        double bestBefore = rates.subList(0, n - 2).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return Math.max(rates.get(n - 1), rates.get(n - 2)) <= bestBefore * (1 + STEADY);
    }

    record Outcome(List<Double> rates, boolean steady, double seconds) {

        @Override
        public String toString() {
            return String.format("%d rounds in %.0f s, %s; executions/s per round: %s", rates.size(), seconds,
                    steady ? "steady" : "still rising at the time limit",
                    rates.stream().map(rate -> String.format("%.1f", rate)).toList());
        }
    }
}

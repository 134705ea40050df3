package io.integr8s.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of durations given in nanoseconds, reported in milliseconds. */
record Percentiles(int count, double p50, double p95, double p99) {

    static Percentiles of(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Percentiles(sorted.length, millis(sorted, 50), millis(sorted, 95), millis(sorted, 99));
    }

    private static double millis(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    @Override
    public String toString() {
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (n=%d)", p50, p95, p99, count);
    }

    static double median(long[] nanos) {
        long[] sorted = Arrays.stream(nanos).sorted().toArray();
        return sorted[sorted.length / 2] / 1e6;
    }
}

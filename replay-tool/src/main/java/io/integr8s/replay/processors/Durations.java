package io.integr8s.replay.processors;

import java.time.Duration;

/** Durations for people: the two largest units ({@code 0s}, {@code 850ms}, {@code 42s}, {@code 3m 07s}, {@code 2h 05m}, {@code 4d 03h}). */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return duration.isZero() ? "0s" : duration.toMillis() + "ms";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3_600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format("%dh %02dm", seconds / 3_600, seconds % 3_600 / 60);
        }
        return String.format("%dd %02dh", seconds / 86_400, seconds % 86_400 / 3_600);
    }
}

package io.integr8s.replay.rebuild;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import io.integr8s.replay.processors.Durations;

/**
 * The progress of a request while integr8s works on it: a bar, events handled of events stored, events/s over the
 * last {@value #WINDOW_SECONDS} s and the ETA. On a terminal it redraws one line ({@code \r}); otherwise (a log, a
 * pipe) it prints a line when the phase changes and every {@value #LINE_EVERY_SECONDS} s.
 */
final class ProgressDisplay {

    static final int WINDOW_SECONDS = 5;
    static final int LINE_EVERY_SECONDS = 10;
    private static final int BAR_WIDTH = 30;

    private record Sample(Instant at, long processed) {
    }

    private final PrintStream out;
    private final boolean terminal;
    private final Deque<Sample> window = new ArrayDeque<>();
    private String lastPhase;
    private Instant lastLine;
    private int drawnWidth;

    ProgressDisplay(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Before the work starts: the phase alone, no bar, no rate. */
    void waiting(String phase, Instant now) {
        print(phase, phase, now);
    }

    void show(String phase, long processed, long total, Instant now) {
        window.addLast(new Sample(now, processed));
        while (window.size() > 2 && Duration.between(window.peekFirst().at(), now).toSeconds() > WINDOW_SECONDS) {
            window.removeFirst();
        }
        print(phase, line(phase, processed, total, rate()), now);
    }

    private void print(String phase, String line, Instant now) {
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
            out.flush();
        } else if (!phase.equals(lastPhase) || Duration.between(lastLine, now).toSeconds() >= LINE_EVERY_SECONDS) {
            out.println(line);
            lastLine = now;
        }
        lastPhase = phase;
    }

    /** Ends the redrawn line, so what follows starts on a line of its own. */
    void end() {
        if (terminal && drawnWidth > 0) {
            out.println();
        }
    }

    /** Events per second over the window; negative while there are not two samples yet. */
    double rate() {
        Sample first = window.peekFirst();
        Sample last = window.peekLast();
        long millis = first == null ? 0 : Duration.between(first.at(), last.at()).toMillis();
        return millis <= 0 ? -1 : (last.processed() - first.processed()) * 1000.0 / millis;
    }

    static String line(String phase, long processed, long total, double rate) {
        double fraction = total <= 0 ? 0 : Math.min(1, (double) processed / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d/%,d events  %s  ETA %s  %s",
                "#".repeat(filled), "-".repeat(BAR_WIDTH - filled), Math.round(fraction * 100), processed, total,
                rate < 0 ? "? events/s" : String.format(Locale.ROOT, "%,.0f events/s", rate), eta(processed, total, rate),
                phase);
    }

    static String eta(long processed, long total, double rate) {
        if (processed >= total) {
            return "0s";
        }
        if (rate <= 0) {
            return "?";
        }
        return Durations.format(Duration.ofSeconds((long) Math.ceil((total - processed) / rate)));
    }
}

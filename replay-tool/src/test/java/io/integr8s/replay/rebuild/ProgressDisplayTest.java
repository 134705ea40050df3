package io.integr8s.replay.rebuild;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line, its rate and ETA, redrawn on a terminal and printed now and then elsewhere. */
class ProgressDisplayTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineHasTheBarTheCountsTheRateAndTheEta() {
        assertThat(ProgressDisplay.line("running", 25_000, 100_000, 1_250))
                .isEqualTo("[########----------------------]  25%  25,000/100,000 events  1,250 events/s  ETA 1m 00s  running");
        assertThat(ProgressDisplay.line("switching", 100_000, 100_000, 0))
                .isEqualTo("[##############################] 100%  100,000/100,000 events  0 events/s  ETA 0s  switching");
        assertThat(ProgressDisplay.line("running", 0, 0, -1))
                .isEqualTo("[------------------------------]   0%  0/0 events  ? events/s  ETA 0s  running");
    }

    @Test
    void theRateIsMeasuredOverTheLastSecondsOnly() {
        ProgressDisplay display = new ProgressDisplay(out, true);
        display.show("running", 0, 10_000, T0);
        assertThat(display.rate()).isNegative();

        display.show("running", 1_000, 10_000, T0.plusSeconds(1));
        display.show("running", 2_000, 10_000, T0.plusSeconds(2));
        assertThat(display.rate()).isEqualTo(1_000);

        display.show("running", 2_500, 10_000, T0.plusSeconds(10));
        assertThat(display.rate()).isEqualTo(62.5);
    }

    @Test
    void onATerminalItRedrawsOneLineAndEndsIt() {
        ProgressDisplay display = new ProgressDisplay(out, true);
        display.show("running", 0, 100, T0);
        display.show("running", 50, 100, T0.plusSeconds(1));
        display.end();

        assertThat(printed()).isEqualTo(
                "\r[------------------------------]   0%  0/100 events  ? events/s  ETA ?  running"
                        + "\r[###############---------------]  50%  50/100 events  50 events/s  ETA 1s  running\n");
    }

    @Test
    void whileWaitingItSaysSoEveryTenSecondsAndTheRateStartsWithTheWork() {
        ProgressDisplay display = new ProgressDisplay(out, false);
        display.waiting("waiting for an instance", T0);
        display.waiting("waiting for an instance", T0.plusSeconds(5));
        display.show("running", 40, 100, T0.plusSeconds(6));

        assertThat(printed().lines()).containsExactly("waiting for an instance",
                "[############------------------]  40%  40/100 events  ? events/s  ETA ?  running");
    }

    @Test
    void elsewhereItPrintsALineWhenThePhaseChangesAndEveryTenSeconds() {
        ProgressDisplay display = new ProgressDisplay(out, false);
        display.show("running", 0, 100, T0);
        display.show("running", 10, 100, T0.plusSeconds(5));
        display.show("running", 20, 100, T0.plusSeconds(10));
        display.show("switching", 100, 100, T0.plusSeconds(11));
        display.end();

        assertThat(printed().lines()).containsExactly(
                "[------------------------------]   0%  0/100 events  ? events/s  ETA ?  running",
                "[######------------------------]  20%  20/100 events  2 events/s  ETA 40s  running",
                "[##############################] 100%  100/100 events  80 events/s  ETA 0s  switching");
    }
}

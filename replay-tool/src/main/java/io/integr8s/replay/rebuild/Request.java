package io.integr8s.replay.rebuild;

import java.time.Instant;

/** A row of integr8s's {@code projection_rebuilds} as the tool follows it. */
record Request(String status, long processed, long total, Integer generation, Integer previousGeneration,
               String error, Instant startedAt, Instant finishedAt) {

    boolean finished() {
        return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
    }
}

package io.integr8s.api.replay;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The contract's ReplayStatus. A session moves created → running ⇄ paused → completed | failed | cancelled. */
public enum ReplayStatus {
    PREVIEW, SCHEDULED, CREATED, RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    static Optional<ReplayStatus> named(String wire) {
        return Arrays.stream(values()).filter(status -> status.wire().equals(wire)).findFirst();
    }
}

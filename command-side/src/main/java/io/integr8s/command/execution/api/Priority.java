package io.integr8s.command.execution.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Admission priority, highest first (declaration order is the admission order). */
public enum Priority {
    CRITICAL, HIGH, NORMAL, LOW, BACKGROUND;

    /** Larger is more urgent; stored with queued executions so the queue can be ordered by it. */
    public int rank() {
        return values().length - ordinal();
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

}

package io.integr8s.command.execution.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Lifecycle of an execution: queued → scheduled → running → one terminal status. */
public enum ExecutionStatus {
    QUEUED, SCHEDULED, RUNNING, COMPLETED, FAILED, TIMEOUT, CANCELLED, ERROR;

    public boolean isTerminal() {
        return this.ordinal() >= COMPLETED.ordinal();
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

}

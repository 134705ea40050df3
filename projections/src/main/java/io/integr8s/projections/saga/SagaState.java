package io.integr8s.projections.saga;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where an execution's saga is: the contract's {@code SagaState}. */
public enum SagaState {
    CREATED, RUNNING, COMPENSATING, COMPLETED, FAILED, TIMEOUT, CANCELLED;

    public boolean isFinal() {
        return ordinal() >= COMPLETED.ordinal();
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

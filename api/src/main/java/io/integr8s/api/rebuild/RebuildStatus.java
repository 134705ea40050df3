package io.integr8s.api.rebuild;

import java.util.Locale;

/**
 * requested → running → (rebuilds only) switching → completed; failed or cancelled end it early. While a reset is
 * running, or a rebuild switching, its processor is halted on every instance.
 */
public enum RebuildStatus {
    REQUESTED, RUNNING, SWITCHING, COMPLETED, FAILED, CANCELLED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RebuildStatus of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}

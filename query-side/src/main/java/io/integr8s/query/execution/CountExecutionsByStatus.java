package io.integr8s.query.execution;

import java.util.Objects;

/** How many executions one owner has in each status; answered with an {@link ExecutionStatusCounts}. */
public record CountExecutionsByStatus(String ownerId) {

    public CountExecutionsByStatus {
        Objects.requireNonNull(ownerId, "ownerId: counts are always scoped to one owner");
    }
}

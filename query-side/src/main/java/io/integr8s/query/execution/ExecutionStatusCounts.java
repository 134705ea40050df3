package io.integr8s.query.execution;

import io.integr8s.command.execution.api.ExecutionStatus;

import java.util.Map;

/** Executions per status (statuses without executions are absent). */
public record ExecutionStatusCounts(Map<ExecutionStatus, Long> counts) {

    public ExecutionStatusCounts {
        counts = Map.copyOf(counts);
    }

    public long of(ExecutionStatus status) {
        return counts.getOrDefault(status, 0L);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}

package io.integr8s.query.execution;

import java.util.Objects;

/**
 * Asks for one execution's {@link io.integr8s.projections.execution.ExecutionView}, whoever owns it (the caller
 * checks access against {@code ownerId}). Answered with the view, or fails with {@link ExecutionNotFound}.
 */
public record FindExecution(String executionId) {

    public FindExecution {
        Objects.requireNonNull(executionId, "executionId");
    }
}

package io.integr8s.query.execution;

import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.Priority;

/**
 * One page of every user's executions, newest first, scripts included (the admins' view); answered with an
 * {@link ExecutionPage}. Null filters match everything.
 */
public record ListAllExecutions(ExecutionStatus status, Priority priority, String ownerId, int skip, int limit) {

    public ListAllExecutions {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be 0 or more, was " + skip);
        }
        if (limit < 1 || limit > ListExecutions.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + ListExecutions.MAX_LIMIT + ", was " + limit);
        }
    }
}

package io.integr8s.query.execution;

import io.integr8s.command.execution.api.ExecutionStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * One page of an owner's executions, newest first; answered with an {@link ExecutionPage}. Null filters match
 * everything; {@code startTime} and {@code endTime} bound the creation time inclusively.
 */
public record ListExecutions(String ownerId,
                             ExecutionStatus status,
                             String lang,
                             Instant startTime,
                             Instant endTime,
                             int skip,
                             int limit) {

    public static final int MAX_LIMIT = 200;

    public ListExecutions {
        Objects.requireNonNull(ownerId, "ownerId: listings are always scoped to one owner");
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be 0 or more, was " + skip);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}

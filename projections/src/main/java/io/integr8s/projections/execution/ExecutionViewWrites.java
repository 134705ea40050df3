package io.integr8s.projections.execution;

import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;

/** How {@link ExecutionProjection} changes one generation's execution views. */
public interface ExecutionViewWrites {

    /** Stores the view of a requested execution unless one with its id exists. */
    void create(ExecutionView view);

    /**
     * Applies {@code change} ({@code $set}s only) as event {@code sequence} of the execution, unless the view has
     * applied that sequence already.
     */
    void apply(String executionId, long sequence, Instant at, Update change);

    /** Removes every view of one owner's executions. */
    void deleteOwnedBy(String ownerId);

    void deleteAll();
}

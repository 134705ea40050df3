package io.integr8s.query.saga;

import io.integr8s.projections.saga.SagaState;

/**
 * One page of sagas, newest first; answered with a {@link SagaPage}. A null {@code ownerId} lists everyone's (admins
 * only: the caller decides); other null filters match everything.
 */
public record ListSagas(String ownerId, String executionId, SagaState state, int skip, int limit) {

    public static final int MAX_LIMIT = 1000;

    public ListSagas {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be 0 or more, was " + skip);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}

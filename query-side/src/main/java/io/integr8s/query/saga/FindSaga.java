package io.integr8s.query.saga;

import java.util.Objects;

/**
 * Asks for one saga's {@link io.integr8s.projections.saga.SagaView}, whoever owns it (the caller checks access against
 * {@code ownerId}). Answered with the view, or fails with {@link SagaNotFound}.
 */
public record FindSaga(String sagaId) {

    public FindSaga {
        Objects.requireNonNull(sagaId, "sagaId");
    }
}

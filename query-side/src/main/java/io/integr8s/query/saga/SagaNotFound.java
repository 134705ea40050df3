package io.integr8s.query.saga;

/** No saga with this id in the read model; the message is the 404 detail. */
public class SagaNotFound extends RuntimeException {

    public SagaNotFound(String sagaId) {
        super("Saga '" + sagaId + "' not found; list your sagas with GET /api/v1/sagas/");
    }
}

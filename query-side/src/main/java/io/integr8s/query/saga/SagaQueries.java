package io.integr8s.query.saga;

import io.integr8s.projections.saga.SagaView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The saga queries as Reactor types, for WebFlux controllers; every call goes through the query bus. */
@Service
public class SagaQueries {

    private final QueryGateway queryGateway;

    public SagaQueries(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The saga, or an error {@link SagaNotFound}. */
    public Mono<SagaView> find(String sagaId) {
        return Mono.fromFuture(() -> queryGateway.query(new FindSaga(sagaId), ResponseTypes.instanceOf(SagaView.class)));
    }

    public Mono<SagaPage> list(ListSagas query) {
        return Mono.fromFuture(() -> queryGateway.query(query, ResponseTypes.instanceOf(SagaPage.class)));
    }
}

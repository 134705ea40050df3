package io.integr8s.query.saga;

import io.integr8s.projections.saga.SagaView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

import static org.springframework.data.mongodb.core.query.Query.query;

/** Answers saga queries from the {@code sagas} read model without blocking. */
@Component
public class SagaQueryHandler {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(SagaView.CREATED_AT), Sort.Order.desc(SagaView.ID));

    private final ReactiveMongoTemplate mongo;

    public SagaQueryHandler(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public CompletableFuture<SagaView> handle(FindSaga query) {
        return mongo.findById(query.sagaId(), SagaView.class)
                .switchIfEmpty(Mono.error(() -> new SagaNotFound(query.sagaId())))
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<SagaPage> handle(ListSagas query) {
        Criteria matching = new Criteria();
        if (query.ownerId() != null) {
            matching.and(SagaView.OWNER_ID).is(query.ownerId());
        }
        if (query.executionId() != null) {
            matching.and(SagaView.EXECUTION_ID).is(query.executionId());
        }
        if (query.state() != null) {
            matching.and(SagaView.STATE).is(query.state());
        }
        Query page = query(matching).with(NEWEST_FIRST).skip(query.skip()).limit(query.limit());
        return Mono.zip(mongo.find(page, SagaView.class).collectList(), mongo.count(query(matching), SagaView.class))
                .map(found -> new SagaPage(found.getT1(), found.getT2(), query.skip(), query.limit()))
                .toFuture();
    }
}

package io.integr8s.query.execution;

import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.projections.execution.ExecutionReadModel;
import io.integr8s.projections.execution.ExecutionView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Answers execution queries from the executions read model (its active generation) without blocking. */
@Component
public class ExecutionQueryHandler {

    /** The id breaks ties between executions created in the same millisecond, so pages never overlap. */
    private static final Sort NEWEST_FIRST =
            Sort.by(Sort.Order.desc(ExecutionView.CREATED_AT), Sort.Order.desc(ExecutionView.ID));

    private final ReactiveMongoTemplate mongo;
    private final ExecutionReadModel readModel;

    public ExecutionQueryHandler(ReactiveMongoTemplate mongo, ExecutionReadModel readModel) {
        this.mongo = mongo;
        this.readModel = readModel;
    }

    @QueryHandler
    public CompletableFuture<ExecutionView> handle(FindExecution query) {
        return mongo.findById(query.executionId(), ExecutionView.class, readModel.collection())
                .switchIfEmpty(Mono.error(() -> new ExecutionNotFound(query.executionId())))
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<ExecutionPage> handle(ListExecutions query) {
        Criteria matching = matching(query);
        Query page = query(matching).with(NEWEST_FIRST).skip(query.skip()).limit(query.limit());
        page.fields().exclude(ExecutionView.SCRIPT);
        return page(matching, page, query.skip(), query.limit());
    }

    @QueryHandler
    public CompletableFuture<ExecutionPage> handle(ListAllExecutions query) {
        Criteria matching = new Criteria();
        if (query.status() != null) {
            matching.and(ExecutionView.STATUS).is(query.status());
        }
        if (query.priority() != null) {
            matching.and(ExecutionView.PRIORITY).is(query.priority());
        }
        if (query.ownerId() != null) {
            matching.and(ExecutionView.OWNER_ID).is(query.ownerId());
        }
        return page(matching, query(matching).with(NEWEST_FIRST).skip(query.skip()).limit(query.limit()),
                query.skip(), query.limit());
    }

    private CompletableFuture<ExecutionPage> page(Criteria matching, Query page, int skip, int limit) {
        String collection = readModel.collection();
        return Mono.zip(mongo.find(page, ExecutionView.class, collection).collectList(),
                        mongo.count(query(matching), ExecutionView.class, collection))
                .map(found -> ExecutionPage.of(found.getT1(), found.getT2(), skip, limit))
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<ExecutionStatusCounts> handle(CountExecutionsByStatus query) {
        String collection = readModel.collection();
        return Flux.fromArray(ExecutionStatus.values())
                .flatMap(status -> mongo.count(query(where(ExecutionView.OWNER_ID).is(query.ownerId())
                                .and(ExecutionView.STATUS).is(status)), ExecutionView.class, collection)
                        .map(count -> Map.entry(status, count)))
                .filter(entry -> entry.getValue() > 0)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(ExecutionStatusCounts::new)
                .toFuture();
    }

    private static Criteria matching(ListExecutions query) {
        Criteria criteria = where(ExecutionView.OWNER_ID).is(query.ownerId());
        if (query.status() != null) {
            criteria.and(ExecutionView.STATUS).is(query.status());
        }
        if (query.lang() != null) {
            criteria.and(ExecutionView.LANG).is(query.lang());
        }
        if (query.startTime() != null || query.endTime() != null) {
            Criteria created = criteria.and(ExecutionView.CREATED_AT);
            if (query.startTime() != null) {
                created.gte(query.startTime());
            }
            if (query.endTime() != null) {
                created.lte(query.endTime());
            }
        }
        return criteria;
    }
}

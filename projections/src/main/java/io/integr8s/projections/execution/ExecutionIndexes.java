package io.integr8s.projections.execution;

import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.ReactiveIndexOperations;
import reactor.core.publisher.Flux;

/** The indexes of an executions collection; creating an existing index is a no-op. */
final class ExecutionIndexes {

    static final String OWNER_CREATED = "owner_created";
    static final String STATUS = "status";

    private ExecutionIndexes() {
    }

    static void create(ReactiveMongoTemplate mongo, String collection) {
        ReactiveIndexOperations indexes = mongo.indexOps(collection);
        Flux.concat(
                        indexes.createIndex(new Index().on(ExecutionView.OWNER_ID, Direction.ASC)
                                .on(ExecutionView.CREATED_AT, Direction.DESC).named(OWNER_CREATED)),
                        indexes.createIndex(new Index().on(ExecutionView.STATUS, Direction.ASC).named(STATUS)))
                .then()
                .block(ExecutionViewStore.TIMEOUT);
    }
}

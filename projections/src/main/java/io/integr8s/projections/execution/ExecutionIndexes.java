package io.integr8s.projections.execution;

import jakarta.annotation.PostConstruct;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.ReactiveIndexOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Creates the indexes of the executions collection at start-up; creating an existing index is a no-op. */
@Component
public class ExecutionIndexes {

    static final String OWNER_CREATED = "owner_created";
    static final String STATUS = "status";

    private final ReactiveMongoTemplate mongo;

    public ExecutionIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostConstruct
    public void create() {
        ReactiveIndexOperations indexes = mongo.indexOps(ExecutionView.class);
        Flux.concat(
                        indexes.createIndex(new Index().on(ExecutionView.OWNER_ID, Direction.ASC)
                                .on(ExecutionView.CREATED_AT, Direction.DESC).named(OWNER_CREATED)),
                        indexes.createIndex(new Index().on(ExecutionView.STATUS, Direction.ASC).named(STATUS)))
                .then()
                .block(ExecutionViewStore.TIMEOUT);
    }
}

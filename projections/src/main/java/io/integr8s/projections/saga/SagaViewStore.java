package io.integr8s.projections.saga;

import jakarta.annotation.PostConstruct;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.ReactiveIndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Writes saga views. Blocks, like every Axon 4 event handler's store: the write is done (or has failed, and the
 * event goes to the dead-letter queue) when the handler returns. One execution's events arrive in order on one
 * thread, so reading a view and writing its successor cannot interleave with another event of the same saga.
 */
@Component
public class SagaViewStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMongoTemplate mongo;

    public SagaViewStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Indexes of the listings: by execution, by owner newest first, by state. Creating an existing one is a no-op. */
    @PostConstruct
    public void createIndexes() {
        ReactiveIndexOperations indexes = mongo.indexOps(SagaView.class);
        Flux.concat(
                        indexes.createIndex(new Index().on(SagaView.EXECUTION_ID, Direction.ASC).named("execution")),
                        indexes.createIndex(new Index().on(SagaView.OWNER_ID, Direction.ASC)
                                .on(SagaView.CREATED_AT, Direction.DESC).named("owner_created")),
                        indexes.createIndex(new Index().on(SagaView.STATE, Direction.ASC).named("state")))
                .then()
                .block(TIMEOUT);
    }

    /** Stores a new saga; one that exists already (a redelivered request) stays as it is. */
    public void create(SagaView view) {
        try {
            mongo.insert(view).block(TIMEOUT);
        } catch (DuplicateKeyException alreadyThere) {
            // the same event again: the stored view is at least as recent
        }
    }

    /**
     * Applies event {@code sequence} of the execution to its saga, unless the view has applied it already (or is
     * gone: its owner was deleted). The write repeats the check, so a stale writer (an instance that lost the segment
     * mid-batch) cannot put an older state back.
     */
    public void change(String executionId, long sequence, UnaryOperator<SagaView> transition) {
        SagaView current = mongo.findById(SagaView.idOf(executionId), SagaView.class).block(TIMEOUT);
        if (current == null || current.lastSequence() >= sequence) {
            return;
        }
        SagaView next = transition.apply(current);
        mongo.replace(query(where(SagaView.ID).is(next.sagaId()).and(SagaView.LAST_SEQUENCE).lt(sequence)), next)
                .block(TIMEOUT);
    }

    public void deleteOwnedBy(String ownerId) {
        mongo.remove(query(where(SagaView.OWNER_ID).is(ownerId)), SagaView.class).block(TIMEOUT);
    }

    public void deleteAll() {
        mongo.remove(new Query(), SagaView.class).block(TIMEOUT);
    }
}

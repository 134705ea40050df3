package io.integr8s.projections.execution;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Writes execution views. Blocks, because Axon 4 event handlers are synchronous: a write is done (or has failed,
 * so the processor retries) when the handler returns.
 */
@Component
public class ExecutionViewStore {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMongoTemplate mongo;

    public ExecutionViewStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Inserts the view unless one with its id exists, so a redelivered creation changes nothing. */
    public void create(ExecutionView view) {
        Document document = new Document();
        mongo.getConverter().write(view, document);
        document.remove(ExecutionView.ID);
        Update update = new Update();
        document.forEach(update::setOnInsert);
        mongo.upsert(query(where(ExecutionView.ID).is(view.executionId())), update, ExecutionView.class)
                .block(TIMEOUT);
    }

    /**
     * Applies {@code change} as event {@code sequence} of the execution, only if the view has not applied that
     * sequence yet: a redelivered or replayed event matches no document and changes nothing.
     */
    public void apply(String executionId, long sequence, Instant at, Update change) {
        change.set(ExecutionView.LAST_SEQUENCE, sequence).set(ExecutionView.UPDATED_AT, at);
        Query unapplied = query(where(ExecutionView.ID).is(executionId).and(ExecutionView.LAST_SEQUENCE).lt(sequence));
        mongo.updateFirst(unapplied, change, ExecutionView.class).block(TIMEOUT);
    }

    /** Removes every view of one owner's executions (the owner was deleted with cascade). */
    public void deleteOwnedBy(String ownerId) {
        mongo.remove(query(where(ExecutionView.OWNER_ID).is(ownerId)), ExecutionView.class).block(TIMEOUT);
    }

    public void deleteAll() {
        mongo.remove(new Query(), ExecutionView.class).block(TIMEOUT);
    }
}

package io.integr8s.projections.execution;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Writes execution views into one generation's collection ({@link ExecutionReadModel}). Blocks, because Axon 4 event
 * handlers are synchronous: a write is done (or has failed, so the processor retries) when the handler returns.
 */
public class ExecutionViewStore implements ExecutionViewWrites {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMongoTemplate mongo;
    private final Supplier<String> collection;

    public ExecutionViewStore(ReactiveMongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Inserts the view unless one with its id exists, so a redelivered creation changes nothing. */
    @Override
    public void create(ExecutionView view) {
        Update update = new Update();
        fieldsOf(view).forEach(update::setOnInsert);
        mongo.upsert(query(where(ExecutionView.ID).is(view.executionId())), update, ExecutionView.class,
                collection.get()).block(TIMEOUT);
    }

    /**
     * Applies {@code change} as event {@code sequence} of the execution, only if the view has not applied that
     * sequence yet: a redelivered or replayed event changes nothing. Read, then write, both by id alone: a query with
     * more than the id is a whole-collection scan on the Mongo-wire server of the embedded run, and one execution's
     * events reach one collection through one handler thread, in order (Axon's sequencing per aggregate).
     */
    @Override
    public void apply(String executionId, long sequence, Instant at, Update change) {
        String target = collection.get();
        Query byId = query(where(ExecutionView.ID).is(executionId));
        Query lastApplied = query(where(ExecutionView.ID).is(executionId));
        lastApplied.fields().include(ExecutionView.LAST_SEQUENCE);
        Document view = mongo.findOne(lastApplied, Document.class, target).block(TIMEOUT);
        if (view == null || view.get(ExecutionView.LAST_SEQUENCE, Number.class).longValue() >= sequence) {
            return;
        }
        change.set(ExecutionView.LAST_SEQUENCE, sequence).set(ExecutionView.UPDATED_AT, at);
        mongo.updateFirst(byId, change, ExecutionView.class, target).block(TIMEOUT);
    }

    /** Removes every view of one owner's executions (the owner was deleted with cascade). */
    @Override
    public void deleteOwnedBy(String ownerId) {
        mongo.remove(query(where(ExecutionView.OWNER_ID).is(ownerId)), ExecutionView.class, collection.get())
                .block(TIMEOUT);
    }

    @Override
    public void deleteAll() {
        mongo.remove(new Query(), ExecutionView.class, collection.get()).block(TIMEOUT);
    }

    /** The view's stored fields but its id, converted as the template stores them. */
    Document fieldsOf(ExecutionView view) {
        Document document = new Document();
        mongo.getConverter().write(view, document);
        document.remove(ExecutionView.ID);
        return document;
    }
}

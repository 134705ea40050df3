package io.integr8s.projections.execution;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The writes of a rebuild generation: a processor's batch of events (one Axon unit of work) is folded per execution in
 * memory, and each execution's view is written once, in one bulk write, when the unit of work prepares to commit,
 * before the processor's token is committed. Per event, the live store reads and writes the view; a rebuild replays
 * millions of events and would spend its time on those round trips.
 * <p>
 * Folding is exact because every change is a {@code $set}: applying an execution's changes from some sequence on, in
 * order, to a view that has applied every event before that sequence gives the view of the last change, whichever of
 * those changes the view had applied already. A processor commits its batches in order and writes a batch's views
 * before it commits the batch's token, so when a batch is delivered again (after a failed bulk write rolled the unit
 * of work back, or a crash) every view has applied everything before it. That makes this store right only for the
 * one processor that writes a generation; outside a unit of work it writes each change through the live store.
 */
final class BatchedExecutionViewWrites implements ExecutionViewWrites {

    private final ReactiveMongoTemplate mongo;
    private final String collection;
    private final ExecutionViewStore direct;
    private final String batchResource;

    BatchedExecutionViewWrites(ReactiveMongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
        this.direct = new ExecutionViewStore(mongo, () -> collection);
        this.batchResource = BatchedExecutionViewWrites.class.getName() + "@" + System.identityHashCode(this);
    }

    @Override
    public void create(ExecutionView view) {
        Map<String, PendingView> batch = currentBatch();
        if (batch == null) {
            direct.create(view);
            return;
        }
        batch.put(view.executionId(), PendingView.created(direct.fieldsOf(view), view.lastSequence()));
    }

    @Override
    public void apply(String executionId, long sequence, Instant at, Update change) {
        Map<String, PendingView> batch = currentBatch();
        if (batch == null) {
            direct.apply(executionId, sequence, at, change);
            return;
        }
        batch.computeIfAbsent(executionId, id -> PendingView.changed()).apply(sequence, at, change);
    }

    /** Writes what the batch holds first, so the deletion comes after the events before it. */
    @Override
    public void deleteOwnedBy(String ownerId) {
        Map<String, PendingView> batch = currentBatch();
        if (batch != null) {
            write(batch);
        }
        direct.deleteOwnedBy(ownerId);
    }

    @Override
    public void deleteAll() {
        Map<String, PendingView> batch = currentBatch();
        if (batch != null) {
            batch.clear();
        }
        direct.deleteAll();
    }

    private Map<String, PendingView> currentBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(batchResource, key -> {
            Map<String, PendingView> batch = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(committing -> write(batch));
            return batch;
        });
    }

    private void write(Map<String, PendingView> batch) {
        if (batch.isEmpty()) {
            return;
        }
        ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, ExecutionView.class, collection);
        batch.forEach((executionId, view) -> {
            if (view.created()) {
                bulk.upsert(query(where(ExecutionView.ID).is(executionId)), view.update());
            } else {
                bulk.updateOne(query(where(ExecutionView.ID).is(executionId)
                        .and(ExecutionView.LAST_SEQUENCE).lt(view.lastSequence())), view.update());
            }
        });
        bulk.execute().block(ExecutionViewStore.TIMEOUT);
        batch.clear();
    }
}

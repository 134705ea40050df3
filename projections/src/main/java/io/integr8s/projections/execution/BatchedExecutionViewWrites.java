package io.integr8s.projections.execution;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * One unordered bulk write on the driver's collection: the field names are the documents' already, and mapping
     * them through Spring Data's query and update mappers was a third of a rebuild thread's time.
     */
    private void write(Map<String, PendingView> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>(batch.size());
        batch.forEach((executionId, view) -> {
            Document filter = new Document(ExecutionView.ID, executionId);
            if (!view.created()) {
                filter.append(ExecutionView.LAST_SEQUENCE, new Document("$lt", view.lastSequence()));
            }
            Document fields = new Document();
            view.fields().forEach((name, value) -> fields.put(name, mongo.getConverter().convertToMongoType(value)));
            writes.add(new UpdateOneModel<>(filter, new Document("$set", fields),
                    new UpdateOptions().upsert(view.created())));
        });
        mongo.getCollection(collection)
                .flatMap(documents -> Mono.from(documents.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .block(ExecutionViewStore.TIMEOUT);
        batch.clear();
    }
}

package io.integr8s.projections.execution;

import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;

/**
 * One execution's changes within a batch of {@link BatchedExecutionViewWrites}, folded into the fields of one
 * {@code $set} (values as the handlers gave them): a later change of a field replaces an earlier one. {@code created}:
 * the batch holds the execution's creation, so the fields are all of the view's.
 */
final class PendingView {

    private static final String SET = "$set";

    private final Document fields = new Document();
    private final boolean created;
    private long lastSequence = -1;

    private PendingView(boolean created) {
        this.created = created;
    }

    static PendingView created(Document fields, long sequence) {
        PendingView view = new PendingView(true);
        view.fields.putAll(fields);
        view.lastSequence = sequence;
        return view;
    }

    static PendingView changed() {
        return new PendingView(false);
    }

    /** Folds in event {@code sequence}'s change; one the batch has folded in already changes nothing. */
    void apply(long sequence, Instant at, Update change) {
        Document operations = change.getUpdateObject();
        if (!operations.keySet().stream().allMatch(SET::equals)) {
            throw new IllegalArgumentException("only $set changes can be folded, not " + operations.keySet());
        }
        if (sequence <= lastSequence) {
            return;
        }
        fields.putAll(operations.get(SET, new Document()));
        fields.put(ExecutionView.LAST_SEQUENCE, sequence);
        fields.put(ExecutionView.UPDATED_AT, at);
        lastSequence = sequence;
    }

    boolean created() {
        return created;
    }

    long lastSequence() {
        return lastSequence;
    }

    /** The fields to set; values may still need converting to what the database stores. */
    Document fields() {
        return fields;
    }
}

package io.integr8s.projections.execution;

import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;

/**
 * One execution's changes within a batch of {@link BatchedExecutionViewWrites}, folded into one {@code $set}: a later
 * change of a field replaces an earlier one. {@code created}: the batch holds the execution's creation, so the update
 * sets every field of the view.
 */
final class PendingView {

    private static final String SET = "$set";

    private final Update update = new Update();
    private final boolean created;
    private long lastSequence = -1;

    private PendingView(boolean created) {
        this.created = created;
    }

    static PendingView created(Document fields, long sequence) {
        PendingView view = new PendingView(true);
        fields.forEach(view.update::set);
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
        operations.get(SET, new Document()).forEach(update::set);
        update.set(ExecutionView.LAST_SEQUENCE, sequence).set(ExecutionView.UPDATED_AT, at);
        lastSequence = sequence;
    }

    boolean created() {
        return created;
    }

    long lastSequence() {
        return lastSequence;
    }

    Update update() {
        return update;
    }
}

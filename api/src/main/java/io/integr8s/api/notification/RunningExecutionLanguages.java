package io.integr8s.api.notification;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Duration;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The notifications processor's own small view (collection {@value #COLLECTION}): the language of each execution
 * that has not ended yet, for the {@code lang:<lang>} tag, since terminal events do not carry it. An entry lives from
 * {@code ExecutionRequested} to the execution's end.
 */
@Component
class RunningExecutionLanguages {

    static final String COLLECTION = "notification_running_executions";
    static final String UNKNOWN = "unknown";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMongoTemplate mongo;

    RunningExecutionLanguages(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Document(COLLECTION)
    record Entry(@Id String executionId, String lang) {
    }

    void started(String executionId, String lang) {
        mongo.save(new Entry(executionId, lang)).block(TIMEOUT);
    }

    /** Its language; {@value #UNKNOWN} when the processor started after the request was made. */
    String of(String executionId) {
        Entry entry = mongo.findById(executionId, Entry.class).block(TIMEOUT);
        return entry == null ? UNKNOWN : entry.lang();
    }

    void ended(String executionId) {
        mongo.remove(query(where("_id").is(executionId)),
                Entry.class).block(TIMEOUT);
    }

    void clear() {
        mongo.remove(new Query(), Entry.class).block(TIMEOUT);
    }
}

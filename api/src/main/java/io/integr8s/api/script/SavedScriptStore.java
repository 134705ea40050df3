package io.integr8s.api.script;

import jakarta.annotation.PostConstruct;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The saved scripts in MongoDB. Every change is conditional on the owner, so nobody changes another's script. */
@Component
public class SavedScriptStore {

    static final String OWNER_UPDATED = "owner_updated";

    private final ReactiveMongoTemplate mongo;

    public SavedScriptStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The owner index; creating an existing index is a no-op. */
    @PostConstruct
    void createIndexes() {
        mongo.indexOps(SavedScript.class)
                .createIndex(new Index().on(SavedScript.OWNER_ID, Direction.ASC)
                        .on(SavedScript.UPDATED_AT, Direction.DESC).named(OWNER_UPDATED))
                .block(Duration.ofSeconds(10));
    }

    public Mono<SavedScript> insert(SavedScript script) {
        return mongo.insert(script);
    }

    public Mono<SavedScript> find(String scriptId) {
        return mongo.findById(scriptId, SavedScript.class);
    }

    /** The owner's scripts, most recently changed first. */
    public Flux<SavedScript> ownedBy(String ownerId) {
        return mongo.find(query(where(SavedScript.OWNER_ID).is(ownerId)).with(Sort.by(Direction.DESC, SavedScript.UPDATED_AT)),
                SavedScript.class);
    }

    /** Writes the changed script if it still exists and belongs to its owner; false otherwise. */
    public Mono<Boolean> replace(SavedScript script) {
        Update update = new Update()
                .set(SavedScript.NAME, script.name())
                .set(SavedScript.SCRIPT, script.script())
                .set(SavedScript.LANG, script.lang())
                .set(SavedScript.LANG_VERSION, script.langVersion())
                .set(SavedScript.DESCRIPTION, script.description())
                .set(SavedScript.UPDATED_AT, script.updatedAt());
        return mongo.updateFirst(owned(script.scriptId(), script.ownerId()), update, SavedScript.class)
                .map(result -> result.getMatchedCount() > 0);
    }

    /** Deletes the script if it belongs to {@code ownerId}; false if there was no such script of theirs. */
    public Mono<Boolean> delete(String scriptId, String ownerId) {
        return mongo.remove(owned(scriptId, ownerId), SavedScript.class).map(result -> result.getDeletedCount() > 0);
    }

    public Mono<Long> countOwnedBy(String ownerId) {
        return mongo.count(query(where(SavedScript.OWNER_ID).is(ownerId)), SavedScript.class);
    }

    /** For deleting a user with their data: removes all their scripts and says how many there were. */
    public Mono<Long> deleteAllOwnedBy(String ownerId) {
        return mongo.remove(query(where(SavedScript.OWNER_ID).is(ownerId)), SavedScript.class)
                .map(result -> result.getDeletedCount());
    }

    private static Query owned(String scriptId, String ownerId) {
        return query(where(SavedScript.ID).is(scriptId).and(SavedScript.OWNER_ID).is(ownerId));
    }
}

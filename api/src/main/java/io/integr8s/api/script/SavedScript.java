package io.integr8s.api.script;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** A script a user keeps for later, document {@value #COLLECTION}. User content: stored as written, not event-sourced. */
@Document(SavedScript.COLLECTION)
public record SavedScript(@Id String scriptId,
                          String ownerId,
                          String name,
                          String script,
                          String lang,
                          String langVersion,
                          String description,
                          Instant createdAt,
                          Instant updatedAt) {

    public static final String COLLECTION = "saved_scripts";

    /** Document field names, for updates and queries. */
    static final String ID = "_id";
    static final String OWNER_ID = "ownerId";
    static final String NAME = "name";
    static final String SCRIPT = "script";
    static final String LANG = "lang";
    static final String LANG_VERSION = "langVersion";
    static final String DESCRIPTION = "description";
    static final String UPDATED_AT = "updatedAt";
}

package io.integr8s.infra.embedded;

import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * mongo-java-server uses the {@code _id} index only for a filter on {@code _id} alone, so an update by {@code _id}
 * plus a condition ("unless already read", "unless a newer sequence was applied") scans the whole collection, and
 * every such update got slower as the read models grew. A real MongoDB narrows by the index first; this does the
 * same: it looks the one candidate up by {@code _id} and, if it matches the whole filter, updates it by {@code _id}
 * alone. A candidate that does not match is left alone by a filter on an id that exists nowhere. Upserts keep their
 * filter, which also shapes the inserted document. Runs under {@link SnapshotReplyBackend}'s lock, so the lookup and
 * the update see the same document.
 */
final class IdFirstUpdates {

    private static final String ID = "_id";

    private final DefaultQueryMatcher matcher = new DefaultQueryMatcher();

    void narrow(MongoBackend backend, Document command) {
        if (!(command.get("update") instanceof String collectionName)
                || !(command.get("updates") instanceof List<?> updates)
                || !(command.get("$db") instanceof String databaseName)) {
            return;
        }
        MongoCollection<?> collection = backend.resolveDatabase(databaseName).resolveCollection(collectionName, false);
        if (collection == null) {
            return;
        }
        for (Object update : updates) {
            if (update instanceof Document statement && narrowable(statement)) {
                Document filter = (Document) statement.get("q");
                Object id = filter.get(ID);
                boolean matches = false;
                for (Document candidate : collection.handleQuery(new QueryParameters(new Document(ID, id), 0, 1))) {
                    matches = matcher.matches(candidate, filter);
                }
                statement.put("q", new Document(ID, matches ? id : new ObjectId()));
            }
        }
    }

    private static boolean narrowable(Document statement) {
        return statement.get("q") instanceof Document filter
                && filter.size() > 1
                && filter.containsKey(ID)
                && (filter.get(ID) instanceof String || filter.get(ID) instanceof ObjectId
                        || filter.get(ID) instanceof Number)
                && !Boolean.TRUE.equals(statement.get("upsert"));
    }
}

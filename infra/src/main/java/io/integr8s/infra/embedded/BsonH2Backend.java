package io.integr8s.infra.embedded;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend with two H2 types of its own: documents stored as BSON
 * ({@link BsonDocumentType}) and unique indexes, among them every collection's {@code _id} index, ordered as BSON
 * values ({@link KeyValueOrder}). H2's default type handles both by Java serialization, which was most of the
 * embedded read models' CPU (docs/performance.md). These maps have their own names, H2Database's with
 * {@value #DOCUMENTS_SUFFIX} or {@value #INDEX_SUFFIX}. A store written by the plain backend is converted when a
 * collection is opened: its documents are copied over once, and its old index maps removed, because
 * mongo-java-server fills an index it opens empty from the collection's documents.
 * <p>
 * Every command's changes are written to the file before the reply goes out: MVStore would otherwise keep them in
 * memory for up to a second, and a projection whose token PostgreSQL committed meanwhile would be behind it for good
 * after a kill (ADR 0016). The write reaches the OS, not the disk: it survives the process, not the machine.
 */
final class BsonH2Backend extends H2Backend {

    static final String DOCUMENTS_SUFFIX = "#bson";
    static final String INDEX_SUFFIX = "#bson-order";
    private static final String DOCUMENTS_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    BsonH2Backend(MVStore store) {
        super(store);
    }

    /** OP_MSG and legacy queries alike arrive here; a command that failed half-way may have changed something. */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            commit();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * An inner class on purpose: H2Database's constructor already opens the collections and indexes, before a field
     * of a subclass is set; the enclosing backend (and its store) is there already.
     */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + namespace);
            return new H2Collection(this, collectionName, options, openDocuments(namespace), meta, getCursorRegistry());
        }

        private MVMap<Object, Document> openDocuments(String namespace) {
            MVStore store = getMvStore();
            String written = DOCUMENTS_PREFIX + namespace;
            MVMap<Object, Document> documents = store.openMap(written + DOCUMENTS_SUFFIX,
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
            if (store.hasMap(written)) {
                MVMap<Object, Document> before = store.openMap(written);
                before.forEach(documents::putIfAbsent);
                store.removeMap(before);
            }
            return documents;
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            MVStore store = getMvStore();
            String written = indexMapName(collectionName, indexName);
            if (store.hasMap(written)) {
                store.removeMap(written);
            }
            MVMap<KeyValue, Object> positions = store.openMap(written + INDEX_SUFFIX,
                    new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
            return new OrderedKeyIndex(positions, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(indexMapName(collection.getCollectionName(), indexName) + INDEX_SUFFIX);
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            String namespace = getFullCollectionNamespace(collectionName);
            String indexPrefix = indexMapName(collectionName, "");
            getMvStore().getMapNames().stream()
                    .filter(name -> name.equals(DOCUMENTS_PREFIX + namespace + DOCUMENTS_SUFFIX)
                            || name.startsWith(indexPrefix) && name.endsWith(INDEX_SUFFIX))
                    .toList()
                    .forEach(getMvStore()::removeMap);
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String from = DOCUMENTS_PREFIX + collection.getFullName() + DOCUMENTS_SUFFIX;
            super.moveCollection(oldDatabase, collection, newCollectionName);
            MVStore store = getMvStore();
            if (store.hasMap(from)) {
                store.renameMap(store.openMap(from), DOCUMENTS_PREFIX + getFullCollectionNamespace(newCollectionName)
                        + DOCUMENTS_SUFFIX);
            }
        }

        /** The name H2Database gives an index's map. */
        private String indexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }
    }
}

package io.integr8s.infra.embedded;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * Hands the wire encoder a private copy of every reply. mongo-java-server's backends put the stored documents
 * themselves into a reply and update them in place, so a reply encoded while another connection updates the same
 * document could be torn or fail with a ConcurrentModificationException. One command at a time, copied before
 * the next one may change anything, keeps every reply a consistent snapshot, as a real MongoDB's are.
 */
final class SnapshotReplyBackend implements MongoBackend {

    private final MongoBackend backend;
    private final IdFirstUpdates idFirstUpdates = new IdFirstUpdates();

    SnapshotReplyBackend(MongoBackend backend) {
        this.backend = backend;
    }

    @Override
    public synchronized Document handleCommand(Channel channel, String database, String command, Document query) {
        return copyOf(backend.handleCommand(channel, database, command, query));
    }

    @Override
    public synchronized Document handleMessage(MongoMessage message) {
        idFirstUpdates.narrow(backend, message.getDocument());
        return copyOf(backend.handleMessage(message));
    }

    @Override
    public synchronized QueryResult handleQuery(MongoQuery query) {
        QueryResult result = backend.handleQuery(query);
        List<Document> copies = new ArrayList<>();
        result.forEach(document -> copies.add(document.cloneDeeply()));
        return new QueryResult(copies, result.getCursorId());
    }

    @Override
    public synchronized void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public synchronized void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public synchronized Collection<Document> getCurrentOperations(MongoQuery query) {
        return backend.getCurrentOperations(query).stream().map(Document::cloneDeeply).toList();
    }

    @Override
    public synchronized Document getServerStatus() {
        return copyOf(backend.getServerStatus());
    }

    @Override
    public synchronized void close() {
        backend.close();
    }

    @Override
    public synchronized void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public synchronized void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public synchronized void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public synchronized MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }

    private static Document copyOf(Document reply) {
        return reply == null ? null : reply.cloneDeeply();
    }
}

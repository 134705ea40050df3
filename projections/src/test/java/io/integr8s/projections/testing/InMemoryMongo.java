package io.integr8s.projections.testing;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** A Mongo-wire server in this JVM with a template on the normal reactive driver; close it after the test. */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final ReactiveMongoTemplate template = new ReactiveMongoTemplate(client, "integr8s");

    public ReactiveMongoTemplate template() {
        return template;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}

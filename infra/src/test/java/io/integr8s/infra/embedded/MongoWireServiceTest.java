package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class MongoWireServiceTest {

    private static final int UPDATES = 400;

    @TempDir
    Path home;

    /** The projections update a document while the API reads it; no reader may see half an update. */
    @ParameterizedTest
    @EnumSource(EmbeddedStackProperties.MongoBackend.class)
    void readsConcurrentWithUpdatesOfTheSameDocumentSeeWholeUpdates(EmbeddedStackProperties.MongoBackend kind)
            throws Exception {
        MongoWireService service = new MongoWireService(home, kind);
        service.start();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try (MongoClient client = MongoClients.create(service.connectionProperties().get("spring.data.mongodb.uri"))) {
            MongoCollection<Document> views = client.getDatabase(MongoWireService.DATABASE).getCollection("views");
            Mono.from(views.insertOne(new Document("_id", "view").append("version", 0).append("copy", 0))).block();

            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
            List<Future<?>> reads = List.of(readers.submit(() -> readUntil(views, writing, torn)),
                    readers.submit(() -> readUntil(views, writing, torn)));
            String output = "x".repeat(100_000);
            for (int version = 1; version <= UPDATES; version++) {
                String field = "field" + (version % 7);
                Mono.from(views.updateOne(Filters.eq("_id", "view"), Updates.combine(
                        Updates.set("version", version), Updates.unset("field" + ((version + 3) % 7)),
                        Updates.set(field, output), Updates.set("copy", version)))).block();
            }
            writing.set(false);
            for (Future<?> read : reads) {
                read.get();
            }
            assertThat(torn).as("replies that showed part of an update").isEmpty();
        } finally {
            readers.shutdownNow();
            service.stop();
        }
    }

    private static void readUntil(MongoCollection<Document> views, AtomicBoolean writing,
            ConcurrentLinkedQueue<String> torn) {
        while (writing.get()) {
            try {
                Flux.from(views.find(Filters.eq("_id", "view"))).collectList().block().forEach(view -> {
                    if (!view.get("version").equals(view.get("copy"))) {
                        torn.add("version " + view.get("version") + " with copy " + view.get("copy"));
                    }
                });
            } catch (RuntimeException failed) {
                torn.add(failed.toString());
            }
        }
    }
}

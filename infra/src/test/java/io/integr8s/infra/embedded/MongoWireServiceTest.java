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
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class MongoWireServiceTest {

    private static final int UPDATES = 400;

    @TempDir
    Path home;

    private MongoWireService service;
    private MongoClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (service != null) {
            service.stop();
        }
    }

    private MongoCollection<Document> collection(EmbeddedStackProperties.MongoBackend kind, String name)
            throws Exception {
        service = new MongoWireService(home, kind, 16);
        service.start();
        client = MongoClients.create(service.connectionProperties().get("spring.data.mongodb.uri"));
        return client.getDatabase(MongoWireService.DATABASE).getCollection(name);
    }

    /** The projections update a document while the API reads it; no reader may see half an update. */
    @ParameterizedTest
    @EnumSource(EmbeddedStackProperties.MongoBackend.class)
    void readsConcurrentWithUpdatesOfTheSameDocumentSeeWholeUpdates(EmbeddedStackProperties.MongoBackend kind)
            throws Exception {
        MongoCollection<Document> views = collection(kind, "views");
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
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
        }
    }

    /** An update by id plus a condition is narrowed by the id first (see IdFirstUpdates); it must mean the same. */
    @ParameterizedTest
    @EnumSource(EmbeddedStackProperties.MongoBackend.class)
    void anUpdateByIdAndAConditionChangesTheDocumentOnlyWhenTheConditionHolds(EmbeddedStackProperties.MongoBackend kind)
            throws Exception {
        MongoCollection<Document> notes = collection(kind, "notes");
        Mono.from(notes.insertMany(List.of(new Document("_id", "unread").append("status", "pending"),
                new Document("_id", "read").append("status", "read").append("readAt", 1)))).block();

        for (String id : List.of("unread", "read")) {
            // the flat form Spring Data's Criteria sends
            Document byIdUnlessRead = new Document("_id", id).append("readAt", null);
            UpdateResult result = Mono.from(notes.updateMany(byIdUnlessRead, Updates.set("status", "delivered")))
                    .block();
            assertThat(result.getMatchedCount()).as(id).isEqualTo(id.equals("unread") ? 1 : 0);
        }
        UpdateResult upsert = Mono.from(notes.updateOne(new Document("_id", "new").append("owner", "someone"),
                Updates.set("status", "pending"), new UpdateOptions().upsert(true))).block();
        assertThat(upsert.getUpsertedId()).isNotNull();

        assertThat(Flux.from(notes.find()).collectList().block()).containsExactlyInAnyOrder(
                new Document("_id", "unread").append("status", "delivered"),
                new Document("_id", "read").append("status", "read").append("readAt", 1),
                new Document("_id", "new").append("owner", "someone").append("status", "pending"));
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

package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The embedded read models' H2 backend with BSON-ordered unique indexes: a store written by mongo-java-server's own
 * H2 backend opens with every document found by id and every unique index still enforced; dropped indexes and
 * collections leave no map behind; every acknowledged write is in the file without a close.
 */
class BsonH2BackendTest {

    private static final ObjectId OBJECT_ID = new ObjectId();
    private static final List<Document> USERS = List.of(
            new Document("_id", "alice").append("email", "alice@example.org").append("joined", new Date(1_700_000_000_000L))
                    .append("score", 1.5).append("logins", 12).append("active", true).append("note", null)
                    .append("tags", List.of("a", 2, new Document("b", false)))
                    .append("profile", new Document("theme", "dark").append("font", new Document("size", 14L))),
            new Document("_id", OBJECT_ID).append("email", "bob@example.org"),
            new Document("_id", 42L).append("email", "carol@example.org"),
            new Document("_id", new Document("tenant", "t1").append("n", 7)).append("email", "dave@example.org"),
            new Document("_id", 7.5));

    @TempDir
    Path directory;

    @Test
    void aStoreWrittenByThePlainH2BackendKeepsItsDocumentsAndItsUniqueIndexes() {
        String file = directory.resolve("read-models.mv").toString();
        with(new H2Backend(file), users -> {
            Mono.from(users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true))).block();
            return Mono.from(users.insertMany(USERS)).block();
        });

        for (int start = 0; start < 2; start++) {
            BsonH2Backend backend = open(file);
            with(backend, users -> {
                for (Document user : USERS) {
                    assertThat(Flux.from(users.find(Filters.eq("_id", user.get("_id")))).collectList().block())
                            .containsExactly(user);
                }
                assertThatThrownBy(() -> Mono.from(users.insertOne(new Document("_id", "alice"))).block())
                        .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
                assertThatThrownBy(() -> Mono.from(users.insertOne(new Document("_id", "eve")
                        .append("email", "bob@example.org"))).block())
                        .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
                assertThatThrownBy(() -> Mono.from(users.insertOne(new Document("_id", "no email either"))).block())
                        .as("a second document without the unique field").isInstanceOf(MongoWriteException.class);
                assertThat(Mono.from(users.countDocuments()).block()).isEqualTo(USERS.size());
                return null;
            });
        }
        Set<String> maps = open(file).getMvStore().getMapNames();
        assertThat(maps.stream().filter(name -> name.contains("._index_")))
                .isNotEmpty()
                .allMatch(name -> name.endsWith(BsonH2Backend.INDEX_SUFFIX));
        assertThat(maps.stream().filter(name -> name.startsWith("databases.")))
                .isNotEmpty()
                .allMatch(name -> name.endsWith(BsonH2Backend.DOCUMENTS_SUFFIX));
    }

    @Test
    void droppingAnIndexOrACollectionRemovesItsMaps() {
        String file = directory.resolve("read-models.mv").toString();
        with(open(file), users -> {
            Mono.from(users.insertMany(USERS)).block();
            String email = Mono.from(users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true)))
                    .block();
            Mono.from(users.dropIndex(email)).block();
            Mono.from(users.insertOne(new Document("_id", "eve").append("email", "bob@example.org"))).block();
            return Mono.from(users.drop()).block();
        });

        assertThat(open(file).getMvStore().getMapNames()).noneMatch(name -> name.contains("users"));
    }

    /**
     * What a kill -9 leaves: the file as it is right after the last acknowledged write, the store never closed. The
     * store's own background writer is off, so only what the backend wrote itself is in the file.
     */
    @Test
    void everyAcknowledgedWriteIsInTheFileBeforeTheStoreIsClosed() throws Exception {
        Path file = directory.resolve("read-models.mv");
        Path afterKill = directory.resolve("after-kill.mv");
        with(new BsonH2Backend(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()), users -> {
            for (Document user : USERS) {
                Mono.from(users.insertOne(user)).block();
            }
            Mono.from(users.updateOne(Filters.eq("_id", 42L), new Document("$set", new Document("seen", true)))).block();
            Mono.from(users.deleteOne(Filters.eq("_id", 7.5))).block();
            try {
                return Files.copy(file, afterKill);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        with(open(afterKill.toString()), users -> {
            assertThat(Flux.from(users.find()).map(user -> user.get("_id")).collectList().block())
                    .containsExactlyInAnyOrderElementsOf(USERS.stream().map(user -> user.get("_id"))
                            .filter(id -> !id.equals(7.5)).toList());
            assertThat(Mono.from(users.find(Filters.eq("_id", 42L)).first()).block().get("seen")).isEqualTo(true);
            return null;
        });
    }

    private static BsonH2Backend open(String file) {
        return new BsonH2Backend(MVStore.open(file));
    }

    private static <T> T with(H2Backend backend, Function<MongoCollection<Document>, T> work) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            return work.apply(client.getDatabase("integr8s").getCollection("users"));
        } finally {
            server.shutdown();
        }
    }
}

package io.integr8s.infra.embedded;

import java.nio.file.Path;
import java.util.Map;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server speaking the MongoDB wire protocol; H2 file backend in {@code <home>/mongo} ({@link BsonH2Backend})
 * or memory.
 */
final class MongoWireService implements EmbeddedService {

    private static final Logger log = LoggerFactory.getLogger(MongoWireService.class);

    static final String DATABASE = "integr8s";
    private static final String HOST = "127.0.0.1";

    private final Path storeFile;
    private final EmbeddedStackProperties.MongoBackend backendKind;
    private final int cacheMib;
    private MongoServer server;

    MongoWireService(Path home, EmbeddedStackProperties.MongoBackend backendKind, int cacheMib) {
        this.storeFile = home.resolve("mongo").resolve("read-models.mv");
        this.backendKind = backendKind;
        this.cacheMib = cacheMib;
    }

    @Override
    public String name() {
        return "MongoDB wire server (" + backendKind.name().toLowerCase() + ")";
    }

    @Override
    public void start() throws Exception {
        MongoBackend backend;
        if (backendKind == EmbeddedStackProperties.MongoBackend.H2) {
            PrivateFiles.directory(storeFile.getParent());
            backend = new BsonH2Backend(new MVStore.Builder().fileName(storeFile.toString()).cacheSize(cacheMib)
                    .backgroundExceptionHandler((thread, failure) -> log.error(
                            "The read models' store {} failed in the background ({}); it stops taking writes", storeFile,
                            thread.getName(), failure))
                    .open());
        } else {
            backend = new MemoryBackend();
        }
        server = new MongoServer(new SnapshotReplyBackend(backend));
        server.bind(HOST, FreePort.find());
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of("spring.data.mongodb.uri",
                "mongodb://" + HOST + ":" + server.getLocalAddress().getPort() + "/" + DATABASE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown(); // also closes the backend, which flushes the H2 store
        }
    }
}

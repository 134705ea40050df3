package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class BsonDocumentTypeTest {

    private final BsonDocumentType type = new BsonDocumentType();

    /** mongo-java-server updates a stored document in place while H2 may be writing its page on another thread. */
    @Test
    void aDocumentUpdatedInPlaceWhileItsPageIsWrittenIsStillWrittenWhole() throws Exception {
        Document view = new Document("_id", "view");
        for (int i = 0; i < 40; i++) {
            view.put("field" + i, "value " + i);
        }
        AtomicBoolean updating = new AtomicBoolean(true);
        Thread updates = new Thread(() -> {
            for (int i = 0; updating.get(); i++) {
                view.remove("extra" + (i % 8));
                view.put("extra" + ((i + 3) % 8), i);
                LockSupport.parkNanos(20_000); // thousands of updates a second, as under load
            }
        });
        updates.start();
        try {
            for (int write = 0; write < 20_000; write++) {
                WriteBuffer buffer = new WriteBuffer();
                type.write(buffer, view);
                Document written = type.read(buffer.getBuffer().flip());
                assertThat(written.get("_id")).isEqualTo("view");
                assertThat(written.get("field39")).isEqualTo("value 39");
            }
        } finally {
            updating.set(false);
            updates.join();
        }
    }

    @Test
    void aDocumentReadsBackFromItsStoredBytesAndLeavesTheRestOfThePage() {
        Document view = new Document("_id", "view").append("nested", new Document("a", 1L)).append("empty", null);
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, view);
        buffer.putInt(0xCAFE);
        ByteBuffer page = buffer.getBuffer().flip();

        assertThat(type.read(page)).isEqualTo(view);
        assertThat(page.getInt()).isEqualTo(0xCAFE);
    }
}

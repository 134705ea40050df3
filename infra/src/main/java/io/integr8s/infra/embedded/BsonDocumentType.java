package io.integr8s.infra.embedded;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The value type of {@link BsonH2Backend}'s collections: a document stored as its BSON bytes, the encoding
 * mongo-java-server speaks on the wire. H2's default type stores a class it does not know with Java serialization;
 * writing and reading pages that way was a third of the embedded read models' CPU.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    private static final int ENTRY_OVERHEAD = 48;
    private static final int MAX_ATTEMPTS = 1_000;

    /**
     * H2 writes pages on its own thread, while mongo-java-server updates a stored document in place (it removes and
     * puts its fields, then puts it back into the map). A write that meets such an update starts again; the update's
     * own put marks the page for the next write anyway, so what reaches the file last is the whole update.
     */
    @Override
    public void write(WriteBuffer buffer, Document document) {
        for (int attempt = 1; ; attempt++) {
            try {
                buffer.put(encode(document));
                return;
            } catch (RuntimeException changedMeanwhile) { // ConcurrentModificationException, or an entry gone midway
                if (attempt == MAX_ATTEMPTS) {
                    throw changedMeanwhile;
                }
                Thread.yield();
            }
        }
    }

    private static byte[] encode(Document document) {
        ByteBuf bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, bson);
            byte[] bytes = new byte[bson.readableBytes()];
            bson.readBytes(bytes);
            return bytes;
        } finally {
            bson.release();
        }
    }

    /** A BSON document starts with its own length, little-endian, counting those four bytes. */
    @Override
    public Document read(ByteBuffer buffer) {
        int length = Integer.reverseBytes(buffer.getInt(buffer.position()));
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    /** An estimate for H2's page cache: the strings and nesting dominate. */
    @Override
    public int getMemory(Document document) {
        try {
            return estimate(document);
        } catch (ConcurrentModificationException changedMeanwhile) {
            return ENTRY_OVERHEAD * document.size();
        }
    }

    /** Also for {@link KeyValueOrder}'s keys, value by value. */
    static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = ENTRY_OVERHEAD;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += ENTRY_OVERHEAD + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = ENTRY_OVERHEAD;
            for (Object element : values) {
                size += estimate(element);
            }
            return size;
        }
        if (value instanceof CharSequence text) {
            return ENTRY_OVERHEAD + text.length();
        }
        return 24;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}

package io.integr8s.infra.embedded;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The key type of {@link BsonH2Backend}'s unique indexes: index keys in BSON value order. H2's default type
 * orders a key class it does not know (mongo-java-server's {@code KeyValue}) by comparing the keys' Java serialization,
 * so every step of every index lookup serialized two keys; that was most of the embedded read models' CPU. A key is
 * stored as a BSON document of its values, {@code {"0": v0, "1": v1}}; mongo-java-server's marker of a missing field,
 * which BSON has no value for, as {@code "m<i>": true}.
 */
final class KeyValueOrder extends BasicDataType<KeyValue> {

    private static final Comparator<Object> VALUES = ValueComparator.asc();

    private static final String MISSING = "m";

    private final BsonDocumentType bson = new BsonDocumentType();

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = VALUES.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Estimated from the values themselves: no document is built for it on every index write. */
    @Override
    public int getMemory(KeyValue key) {
        int size = 0;
        for (Object value : key) {
            size += BsonDocumentType.estimate(value);
        }
        return size;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        bson.write(buffer, asDocument(key));
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        Document document = bson.read(buffer);
        List<Object> values = new ArrayList<>(document.size());
        document.forEach((name, value) -> values.add(name.startsWith(MISSING) ? Missing.getInstance() : value));
        return new KeyValue(values);
    }

    private static Document asDocument(KeyValue key) {
        Document document = new Document();
        for (int i = 0; i < key.size(); i++) {
            Object value = key.get(i);
            if (value instanceof Missing) {
                document.put(MISSING + i, true);
            } else {
                document.put(Integer.toString(i), value);
            }
        }
        return document;
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}

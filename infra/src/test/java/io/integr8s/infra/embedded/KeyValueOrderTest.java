package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class KeyValueOrderTest {

    private final KeyValueOrder order = new KeyValueOrder();

    @Test
    void aKeyReadsBackFromItsStoredBytesAlsoWithAMissingField() {
        for (KeyValue key : List.of(new KeyValue("alice"), new KeyValue(new ObjectId()), new KeyValue(42L, 1.5, true),
                new KeyValue(new Document("tenant", "t1").append("n", 7), (Object) null),
                new KeyValue("bob", Missing.getInstance()))) {
            WriteBuffer buffer = new WriteBuffer();
            order.write(buffer, key);
            buffer.putInt(0xCAFE); // the next entry of the page
            ByteBuffer bytes = buffer.getBuffer().flip();

            assertThat(order.read(bytes)).isEqualTo(key);
            assertThat(bytes.getInt()).isEqualTo(0xCAFE);
        }
    }

    @Test
    void ordersKeysAsBsonValuesValueByValue() {
        assertThat(order.compare(new KeyValue("a"), new KeyValue("b"))).isNegative();
        assertThat(order.compare(new KeyValue(2), new KeyValue(10L))).isNegative();
        assertThat(order.compare(new KeyValue(1), new KeyValue(1.0))).isZero();
        assertThat(order.compare(new KeyValue("a", 2), new KeyValue("a", 1))).isPositive();
        assertThat(order.compare(new KeyValue("a"), new KeyValue("a", 1))).isNegative();
    }
}

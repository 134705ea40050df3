package io.integr8s.replay.token;

import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.integr8s.replay.token.TokenPosition.EventIndex;
import io.integr8s.replay.token.TokenPosition.KafkaOffsets;
import io.integr8s.replay.token.TokenPosition.NotStarted;
import io.integr8s.replay.token.TokenPosition.Replaying;
import io.integr8s.replay.token.TokenPosition.Uninterpreted;

/**
 * Reads tokens as Axon's Jackson serializer writes them, without Axon on the classpath: the row's token type names the
 * outer token; tokens nested in a {@code ReplayToken} carry their class in {@code @class} (or {@code @c}, relative).
 */
public final class TokenReader {

    /** "topic-10" after "topic-9": by topic, then by partition number. */
    private static final Comparator<String> TOPIC_PARTITION_ORDER = Comparator
            .comparing((String key) -> key.substring(0, Math.max(key.lastIndexOf('-'), 0)))
            .thenComparingLong(TokenReader::partition)
            .thenComparing(Comparator.naturalOrder());

    private final ObjectMapper json = new ObjectMapper();

    public TokenPosition read(String tokenType, byte[] token) {
        if (token == null) {
            return new NotStarted();
        }
        try {
            return read(simpleName(tokenType), json.readTree(token));
        } catch (IOException e) {
            return new Uninterpreted(simpleName(tokenType), "not JSON");
        }
    }

    private TokenPosition read(String type, JsonNode token) {
        switch (type) {
            case "GapAwareTrackingToken":
                return token.path("index").isIntegralNumber()
                        ? new EventIndex(token.get("index").asLong(), token.path("gaps").size())
                        : new Uninterpreted(type, "no index");
            case "ReplayToken":
                return new Replaying(nested(token.get("currentToken")), nested(token.get("tokenAtReset")));
            case "KafkaTrackingToken":
                return kafkaOffsets(token.path("positions"));
            default:
                return new Uninterpreted(type, "not interpreted");
        }
    }

    private TokenPosition nested(JsonNode token) {
        if (token == null || token.isNull()) {
            return new NotStarted();
        }
        String type = token.hasNonNull("@class") ? token.get("@class").asText() : token.path("@c").asText();
        return read(simpleName(type), token);
    }

    private static KafkaOffsets kafkaOffsets(JsonNode positions) {
        Map<String, Long> offsets = new TreeMap<>(TOPIC_PARTITION_ORDER);
        positions.fields().forEachRemaining(entry -> offsets.put(entry.getKey(), entry.getValue().asLong()));
        return new KafkaOffsets(offsets);
    }

    private static long partition(String topicPartition) {
        try {
            return Long.parseLong(topicPartition.substring(topicPartition.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String simpleName(String className) {
        return className == null || className.isEmpty() ? "unknown token" : className.substring(className.lastIndexOf('.') + 1);
    }
}

package io.integr8s.api.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/**
 * Encodes what travels on the Redis fan-out channels: lifecycle events ({@code "kind":"event"}) and live output chunks
 * ({@code "kind":"output_chunk"}). Only the execution's own event types are accepted on decode, so a message on the
 * channel can never make us instantiate an arbitrary class. A message without a kind is an event (the format before
 * chunks existed).
 */
@Component
public class RelayCodec {

    static final String EVENT = "event";
    static final String CHUNK = "output_chunk";

    private static final Map<String, Class<?>> EVENT_TYPES = LifecycleNames.eventTypesBySimpleName();

    private final ObjectMapper objectMapper;

    public RelayCodec(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    record Relayed(String kind, String executionId, long sequence, String eventId, Instant timestamp, String type,
                   JsonNode payload) {
    }

    record RelayedChunk(String kind, String executionId, Instant timestamp, String stream, long offset, String data) {
    }

    public static boolean isRelayed(Object payload) {
        return EVENT_TYPES.get(payload.getClass().getSimpleName()) == payload.getClass();
    }

    public String encode(ExecutionEventEnvelope event) {
        try {
            return objectMapper.writeValueAsString(new Relayed(EVENT, event.executionId(), event.sequence(),
                    event.eventId(), event.timestamp(), event.payload().getClass().getSimpleName(),
                    objectMapper.valueToTree(event.payload())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode event " + event.eventId() + " for the SSE relay", e);
        }
    }

    public String encode(OutputChunk chunk) {
        try {
            return objectMapper.writeValueAsString(new RelayedChunk(CHUNK, chunk.executionId(), chunk.timestamp(),
                    chunk.stream(), chunk.offset(), chunk.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode an output chunk of " + chunk.executionId(), e);
        }
    }

    public RelayedMessage decode(String message) {
        try {
            JsonNode tree = objectMapper.readTree(message);
            JsonNode kind = tree == null ? null : tree.get("kind");
            if (kind == null || kind.isNull() || EVENT.equals(kind.asText())) {
                return decodeEvent(objectMapper.treeToValue(tree, Relayed.class));
            }
            if (CHUNK.equals(kind.asText())) {
                RelayedChunk chunk = objectMapper.treeToValue(tree, RelayedChunk.class);
                return new OutputChunk(chunk.executionId(), chunk.timestamp(), chunk.stream(), chunk.offset(),
                        chunk.data());
            }
            throw new IllegalArgumentException("Unknown relayed message kind '" + kind.asText() + "'");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot decode a relayed execution message", e);
        }
    }

    private ExecutionEventEnvelope decodeEvent(Relayed relayed) throws JsonProcessingException {
        Class<?> type = EVENT_TYPES.get(relayed.type());
        if (type == null) {
            throw new IllegalArgumentException("Unknown relayed event type '" + relayed.type() + "'");
        }
        return new ExecutionEventEnvelope(relayed.executionId(), relayed.sequence(), relayed.eventId(),
                relayed.timestamp(), objectMapper.treeToValue(relayed.payload(), type));
    }
}

package io.integr8s.api.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/**
 * Encodes execution events for the Redis fan-out channels. Only the execution's own event types are accepted
 * on decode, so a message on the channel can never make us instantiate an arbitrary class.
 */
@Component
public class RelayCodec {

    private static final Map<String, Class<?>> EVENT_TYPES = LifecycleNames.eventTypesBySimpleName();

    private final ObjectMapper objectMapper;

    public RelayCodec(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    record Relayed(String executionId, long sequence, String eventId, Instant timestamp, String type, JsonNode payload) {
    }

    public static boolean isRelayed(Object payload) {
        return EVENT_TYPES.containsKey(payload.getClass().getSimpleName())
                && EVENT_TYPES.get(payload.getClass().getSimpleName()) == payload.getClass();
    }

    public String encode(ExecutionEventEnvelope event) {
        try {
            return objectMapper.writeValueAsString(new Relayed(event.executionId(), event.sequence(), event.eventId(),
                    event.timestamp(), event.payload().getClass().getSimpleName(), objectMapper.valueToTree(event.payload())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode event " + event.eventId() + " for the SSE relay", e);
        }
    }

    public ExecutionEventEnvelope decode(String message) {
        try {
            Relayed relayed = objectMapper.readValue(message, Relayed.class);
            Class<?> type = EVENT_TYPES.get(relayed.type());
            if (type == null) {
                throw new IllegalArgumentException("Unknown relayed event type '" + relayed.type() + "'");
            }
            return new ExecutionEventEnvelope(relayed.executionId(), relayed.sequence(), relayed.eventId(),
                    relayed.timestamp(), objectMapper.treeToValue(relayed.payload(), type));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot decode a relayed execution event", e);
        }
    }
}

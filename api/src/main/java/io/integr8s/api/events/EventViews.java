package io.integr8s.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a stored event in the contract's event shape: the common fields ({@code event_id}, {@code event_type},
 * {@code event_version}, {@code timestamp}, {@code aggregate_id}, {@code metadata}), then the payload's own fields in
 * snake_case. Secrets never leave: password hashes are dropped.
 */
@Component
public class EventViews {

    private static final Set<String> SECRET_FIELDS = Set.of("passwordHash");
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();
    private static final String SERVICE_VERSION = Objects.requireNonNullElse(
            EventViews.class.getPackage().getImplementationVersion(), "dev");

    private final ObjectMapper json;

    EventViews(ObjectMapper json) {
        this.json = json;
    }

    /** The contract's {@code EventSummary}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(String eventId, String eventType, Instant timestamp, String aggregateId) {
    }

    public Summary summary(StoredEvent event) {
        return new Summary(event.eventId(), event.eventType(), event.timestamp(), event.aggregateId());
    }

    public Map<String, Object> full(StoredEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", event.eventId());
        body.put("event_type", event.eventType());
        body.put("event_version", event.payloadRevision() == null ? "1.0" : event.payloadRevision());
        body.put("timestamp", event.timestamp());
        body.put("aggregate_id", event.aggregateId());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("service_name", StoredEvents.SERVICE_NAME);
        metadata.put("service_version", SERVICE_VERSION);
        metadata.put("user_id", event.userId());
        metadata.put("correlation_id", event.correlationId());
        body.put("metadata", metadata);
        body.put("aggregate_type", event.aggregateType());
        body.put("sequence", event.sequence());
        payload(event).fields().forEachRemaining(field -> body.putIfAbsent(SNAKE.translate(field.getKey()),
                json.convertValue(field.getValue(), Object.class)));
        return body;
    }

    /** The payload as a JSON object with snake_case field names at every level and no secrets. */
    private ObjectNode payload(StoredEvent event) {
        try {
            JsonNode tree = json.readTree(event.payload());
            return tree != null && tree.isObject() ? snakeCase((ObjectNode) tree)
                    : json.createObjectNode().set("payload", tree);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored event " + event.eventId() + " is not JSON", e);
        }
    }

    private ObjectNode snakeCase(ObjectNode object) {
        ObjectNode renamed = json.createObjectNode();
        object.fields().forEachRemaining(field -> {
            if (!SECRET_FIELDS.contains(field.getKey())) {
                JsonNode value = field.getValue();
                renamed.set(SNAKE.translate(field.getKey()), value.isObject() ? snakeCase((ObjectNode) value) : value);
            }
        });
        return renamed;
    }

    String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.integr8s.api.replay;

import io.integr8s.api.events.StoredEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Publishes stored events again on Kafka exactly as the Axon Kafka extension publishes them live (same converter,
 * serializer, key and headers), with two more metadata entries, which the converter sends as the headers
 * {@code axon-metadata-replayId} and {@code axon-metadata-originalEventId}: consumers tell a replay from the live
 * stream by them. The replayed message has an id of its own; the original's is in {@code originalEventId}.
 */
@Component
class ReplayPublisher {

    static final String REPLAY_ID = "replayId";
    static final String ORIGINAL_EVENT_ID = "originalEventId";

    private final ProducerFactory<String, byte[]> producers;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final Serializer serializer;
    private final String defaultTopic;
    private final Clock clock = Clock.systemUTC();

    @SuppressWarnings("unchecked")
    ReplayPublisher(ProducerFactory<?, ?> producers, KafkaMessageConverter<?, ?> converter,
                    @Qualifier("eventSerializer") Serializer serializer,
                    @Value("${axon.kafka.default-topic}") String defaultTopic) {
        this.producers = (ProducerFactory<String, byte[]>) producers;
        this.converter = (KafkaMessageConverter<String, byte[]>) converter;
        this.serializer = serializer;
        this.defaultTopic = defaultTopic;
    }

    /** A producer for one batch; close it after the batch. */
    Producer<String, byte[]> producer() {
        return producers.createProducer();
    }

    /** Sends the event and waits for Kafka's acknowledgement. */
    void publish(Producer<String, byte[]> producer, StoredEvent event, String replayId, ReplayConfig config,
                 long timeoutMillis) throws Exception {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(event.payload(), byte[].class,
                event.payloadType(), event.payloadRevision()));
        MetaData metaData = serializer.deserialize(new SimpleSerializedObject<>(event.metaData(), byte[].class,
                MetaData.class.getName(), null));
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(event.aggregateType(),
                event.aggregateId(), event.sequence(), payload,
                metaData.mergedWith(Map.of(REPLAY_ID, replayId, ORIGINAL_EVENT_ID, event.eventId())),
                IdentifierFactory.getInstance().generateIdentifier(),
                config.preserveTimestamps() ? event.timestamp() : clock.instant());
        Map<String, String> topics = config.targetTopics() == null ? Map.of() : config.targetTopics();
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(message,
                topics.getOrDefault(event.eventType(), defaultTopic));
        producer.send(record).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}

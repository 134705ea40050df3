package io.integr8s.infra.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The integration topic every event is published to (Axon's default topic points here). */
@ConfigurationProperties(prefix = "integr8s.kafka")
public class KafkaTopicProperties {

    /** Topic name; also used as {@code axon.kafka.default-topic}. */
    private String topic = "integr8s.events";

    /** Partitions of the topic when the embedded broker creates it. */
    private int partitions = 3;

    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public int getPartitions() { return partitions; }
    public void setPartitions(int partitions) { this.partitions = partitions; }
}

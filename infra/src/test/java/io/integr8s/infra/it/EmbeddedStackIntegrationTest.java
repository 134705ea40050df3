package io.integr8s.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.integr8s.infra.embedded.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.redisson.api.RedissonClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real embedded stack under infra's wiring: one home, several Spring contexts opened on it in turn, as the app
 * does across restarts. Methods run in order and share the stores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStackIntegrationTest {

    private static final Path HOME = Path.of("target", "it-home").toAbsolutePath();
    private static final String AGGREGATE_TYPE = "TestAggregate";
    private static final String AGGREGATE_ID = "exec-" + UUID.randomUUID();

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startApp() throws IOException {
        deleteRecursively(HOME);
        context = open();
    }

    @AfterAll
    static void closeApp() {
        if (context != null) {
            context.close();
        }
    }

    private static ConfigurableApplicationContext open() {
        return new SpringApplicationBuilder(InfraTestApplication.class)
                .properties("integr8s.home=" + HOME, "spring.main.banner-mode=off")
                .run();
    }

    @Test
    @Order(1)
    void anEventAppendedThroughAxonIsStoredInPostgres() {
        EventStore eventStore = context.getBean(EventStore.class);
        eventStore.publish(new GenericDomainEventMessage<>(AGGREGATE_TYPE, AGGREGATE_ID, 0,
                new TestEvent(AGGREGATE_ID, "hello", Instant.parse("2026-01-02T03:04:05.123Z"))));

        assertThat(storedPayloads()).singleElement().isEqualTo(
                new TestEvent(AGGREGATE_ID, "hello", Instant.parse("2026-01-02T03:04:05.123Z")));
        String payload = jdbc().queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?",
                String.class, AGGREGATE_ID);
        assertThat(payload).contains("\"at\":\"2026-01-02T03:04:05.123Z\"");
        assertThat(context.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://127.0.0.1:");
    }

    @Test
    @Order(2)
    void theKafkaPublisherDeliversItKeyedByAggregateId() {
        Environment env = context.getEnvironment();
        assertThat(env.getProperty("axon.kafka.default-topic")).isEqualTo("integr8s.events");
        ConsumerRecord<String, byte[]> record = awaitRecordFor(AGGREGATE_ID, env);
        assertThat(new String(record.value())).contains("\"text\":\"hello\"");
        assertThat(new String(record.headers().lastHeader("axon-message-aggregate-id").value())).isEqualTo(AGGREGATE_ID);
        assertThat(context.getBean(StreamableKafkaMessageSource.class)).isNotNull();
    }

    @Test
    @Order(3)
    void tokensLiveInPostgres() {
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc().queryForList(
                "SELECT processorname FROM tokenentry", String.class)).contains("__axon-kafka-event-publishing-group"));
    }

    @Test
    @Order(4)
    void redissonSetsAndGetsABucket() {
        RedissonClient redisson = context.getBean(RedissonClient.class);
        redisson.getBucket("infra-it").set("value-1");
        assertThat(redisson.<String>getBucket("infra-it").get()).isEqualTo("value-1");
    }

    @Test
    @Order(5)
    void reactiveMongoInsertsAndFinds() {
        ReactiveMongoTemplate mongo = context.getBean(ReactiveMongoTemplate.class);
        mongo.insert(new Document("_id", AGGREGATE_ID).append("status", "queued"), "executions").block(Duration.ofSeconds(10));
        Document found = mongo.findById(AGGREGATE_ID, Document.class, "executions").block(Duration.ofSeconds(10));
        assertThat(found).isNotNull();
        assertThat(found.getString("status")).isEqualTo("queued");
        assertThat(mongo.getMongoDatabase().block().getName()).isEqualTo("integr8s");
    }

    @Test
    @Order(6)
    void deadlinesAreDurableInDbScheduler() {
        DeadlineManager deadlines = context.getBean(DeadlineManager.class);
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(context.getBean(Scheduler.class)).isNotNull();
        deadlines.schedule(Instant.now().plus(1, ChronoUnit.HOURS), "timeout", null,
                new AggregateScopeDescriptor(AGGREGATE_TYPE, AGGREGATE_ID));
        assertThat(scheduledDeadlines()).isEqualTo(1);
    }

    @Test
    @Order(7)
    void aRestartedContextFindsTheSameStores() {
        Path runtimeFile = HOME.resolve("runtime.properties");
        assertThat(runtimeFile).exists();
        context.close();
        context = open();

        assertThat(storedPayloads()).hasSize(1);
        assertThat(scheduledDeadlines()).isEqualTo(1);
        assertThat(context.getBean(RedissonClient.class).<String>getBucket("infra-it").get()).isEqualTo("value-1");
    }

    @Test
    @Order(8)
    void aRestartedStackKeepsTheData() throws IOException {
        EmbeddedStack first = runningStack();
        context.close();
        context = null;
        first.stop();
        assertThat(HOME.resolve("runtime.properties")).doesNotExist();

        context = open();
        assertThat(runningStack()).isNotSameAs(first);
        assertThat(storedPayloads()).hasSize(1);
        assertThat(scheduledDeadlines()).isEqualTo(1);
        Document found = context.getBean(ReactiveMongoTemplate.class)
                .findById(AGGREGATE_ID, Document.class, "executions").block(Duration.ofSeconds(10));
        assertThat(found).isNotNull();
        awaitRecordFor(AGGREGATE_ID, context.getEnvironment());
        Properties runtime = new Properties();
        try (var reader = Files.newBufferedReader(HOME.resolve("runtime.properties"))) {
            runtime.load(reader);
        }
        assertThat(runtime.getProperty("spring.datasource.url"))
                .isEqualTo(context.getEnvironment().getProperty("spring.datasource.url"));
        assertThat(runtime.getProperty("pid")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    private static EmbeddedStack runningStack() {
        return EmbeddedStack.startOrReuse(HOME, new io.integr8s.infra.embedded.EmbeddedStackProperties(),
                new io.integr8s.infra.embedded.KafkaTopicProperties(), org.apache.commons.logging.LogFactory.getLog("test"));
    }

    private static List<Object> storedPayloads() {
        return context.getBean(EventStore.class).readEvents(AGGREGATE_ID).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    private static int scheduledDeadlines() {
        return jdbc().queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class);
    }

    private static JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** A consumer configured as the stack tells the app to: its bootstrap servers and SASL credentials. */
    private static ConsumerRecord<String, byte[]> awaitRecordFor(String key, Environment env) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.getProperty("axon.kafka.bootstrap-servers"),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        for (String property : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config")) {
            config.put(property, env.getRequiredProperty("axon.kafka.properties." + property));
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor("integr8s.events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            assertThat(partitions).hasSize(3);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record keyed " + key + " on integr8s.events within 30 s");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

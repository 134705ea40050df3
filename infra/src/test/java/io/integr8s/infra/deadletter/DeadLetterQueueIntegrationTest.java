package io.integr8s.infra.deadletter;

import static io.integr8s.infra.deadletter.DeadLetterTestApplication.GROUP;
import static io.integr8s.infra.deadletter.DeadLetterTestApplication.HANDLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.integr8s.infra.embedded.EmbeddedStack;
import io.integr8s.infra.embedded.EmbeddedStackProperties;
import io.integr8s.infra.embedded.KafkaTopicProperties;
import io.integr8s.infra.it.TestEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.logging.LogFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A processing group with a dead-letter queue on the real embedded PostgreSQL: a failing event is parked with the
 * rest of its sequence, other sequences go on, the letters survive a restart (whose DDL runs again), and a reset
 * clears them. Methods run in order and share the stores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterQueueIntegrationTest {

    private static final Path HOME = Path.of("target", "dlq-it-home").toAbsolutePath();
    private static final String A = "dlq-a-" + UUID.randomUUID();
    private static final String B = "dlq-b-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startApp() throws IOException {
        deleteRecursively(HOME);
        DeadLetterTestApplication.poison = true;
        HANDLED.clear();
        context = open();
    }

    @AfterAll
    static void stopAll() {
        if (context != null) {
            context.close();
        }
        // free this home's PostgreSQL, Kafka and Redis for the other test classes of the JVM
        EmbeddedStack.startOrReuse(HOME, new EmbeddedStackProperties(), new KafkaTopicProperties(),
                LogFactory.getLog(DeadLetterQueueIntegrationTest.class)).stop();
    }

    private static ConfigurableApplicationContext open() {
        return new SpringApplicationBuilder(DeadLetterTestApplication.class)
                .properties("integr8s.home=" + HOME, "spring.main.banner-mode=off",
                        "integr8s.dead-letters.processing-groups=" + GROUP + ", execution-projection",
                        "axon.eventhandling.processors." + GROUP + ".mode=tracking")
                .run();
    }

    @Test
    @Order(1)
    void aFailingEventIsDeadLetteredWithTheRestOfItsSequenceAndOthersGoOn() {
        publish(A, 0, "ok");
        publish(A, 1, "poison");
        publish(A, 2, "after the poison");
        publish(B, 0, "ok");

        await().atMost(WAIT).untilAsserted(() -> assertThat(HANDLED).contains(B + ":0"));
        assertThat(HANDLED).containsExactly(A + ":0", B + ":0");
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue();
        assertThat(queue.contains(A)).isTrue();
        assertThat(queue.contains(B)).isFalse();
        assertThat(queue.sequenceSize(A)).isEqualTo(2);
        assertThat(queue.amountOfSequences()).isEqualTo(1);

        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(A).forEach(letters::add);
        assertThat(letters).extracting(l -> (Object) l.message().getPayload()).containsExactly(
                new TestEvent(A, "poison", Instant.parse("2026-01-02T03:04:05Z")),
                new TestEvent(A, "after the poison", Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(letters.get(0).cause()).hasValueSatisfying(cause -> {
            assertThat(cause.type()).isEqualTo(IllegalStateException.class.getName());
            assertThat(cause.message()).isEqualTo("cannot project poison");
        });
        assertThat(letters.get(1).cause()).isEmpty();

        assertThat(jdbc().queryForList("SELECT sequenceidentifier || ':' || sequencenumber FROM deadletterentry"
                + " WHERE processinggroup = ? ORDER BY sequenceindex", String.class, GROUP))
                .containsExactly(A + ":1", A + ":2");
        assertThat(processor().processingStatus().values()).noneMatch(status -> status.isErrorState());
        assertThat(gauge(GROUP)).isEqualTo(2.0);
        assertThat(gauge("execution-projection")).isZero();
    }

    @Test
    @Order(2)
    void theLettersSurviveARestartWhoseSchemaCreationRunsAgain() throws Exception {
        context.close();
        context = open();
        context.getBean(DeadLetterTable.class).afterPropertiesSet();

        assertThat(queue().sequenceSize(A)).isEqualTo(2);
        publish(A, 3, "later");
        publish(B, 1, "later");
        await().atMost(WAIT).untilAsserted(() -> assertThat(HANDLED).contains(B + ":1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(queue().sequenceSize(A)).isEqualTo(3));
        assertThat(HANDLED).doesNotContain(A + ":1", A + ":2", A + ":3");
        assertThat(gauge(GROUP)).isEqualTo(3.0);
        assertThat(jdbc().queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'deadletterentry'",
                String.class)).containsExactlyInAnyOrder("deadletterentry_pkey", "deadletterentry_sequence_index_key",
                "deadletterentry_processing_group_idx", "deadletterentry_sequence_identifier_idx");
    }

    @Test
    @Order(3)
    void aResetClearsTheGroupsLettersAndTheReplayHandlesEverything() {
        DeadLetterTestApplication.poison = false;
        HANDLED.clear();
        TrackingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();
        assertThat(queue().size()).isZero();
        processor.start();

        await().atMost(WAIT).untilAsserted(() -> assertThat(HANDLED).contains(A + ":3", B + ":1"));
        assertThat(HANDLED.stream().filter(h -> h.startsWith(A)).toList())
                .containsExactly(A + ":0", A + ":1", A + ":2", A + ":3");
        assertThat(queue().size()).isZero();
        assertThat(gauge(GROUP)).isZero();
    }

    private static void publish(String aggregateId, long sequence, String text) {
        context.getBean(EventStore.class).publish(new GenericDomainEventMessage<>("TestAggregate", aggregateId,
                sequence, new TestEvent(aggregateId, text, Instant.parse("2026-01-02T03:04:05Z"))));
    }

    private static SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return context.getBean(EventProcessingConfiguration.class).deadLetterQueue(GROUP).orElseThrow();
    }

    private static TrackingEventProcessor processor() {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(GROUP, TrackingEventProcessor.class).orElseThrow();
    }

    private static double gauge(String group) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        context.getBean(DeadLetterMetrics.class).bindTo(registry);
        return registry.get(DeadLetterMetrics.METER).tag(DeadLetterMetrics.TAG, group).gauge().value();
    }

    private static JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getBean(DataSource.class));
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

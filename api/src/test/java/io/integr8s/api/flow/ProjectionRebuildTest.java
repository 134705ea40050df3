package io.integr8s.api.flow;

import io.integr8s.api.Integr8sApplication;
import io.integr8s.api.rebuild.ProjectionRebuilds;
import io.integr8s.api.rebuild.RebuildRequest;
import io.integr8s.api.rebuild.RebuildStatus;
import io.integr8s.projections.execution.ExecutionProjection;
import io.integr8s.projections.execution.ExecutionReadModel;
import io.integr8s.projections.execution.ExecutionView;
import io.integr8s.projections.saga.SagaProjection;
import io.integr8s.projections.testing.ExecutionEventGenerator;
import io.integr8s.query.execution.ExecutionQueries;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blue/green rebuild of the executions read model (ADR 0010) after 10,000 executions' lifecycles appended straight to
 * the event store: the rebuilt generation equals the live one document for document, the read side switches to it,
 * the old collection and the rebuild's tokens are gone, also when the rebuild was interrupted and resumed from its
 * token; a reset
 * goes through Axon's {@code resetTokens}.
 * Roles api and projections only: no saga, coordinator or notification acts on the generated events. The live
 * processor runs without its dead-letter queue here: its per-event lookup would multiply the time the live read model
 * takes to catch up, and this test is about the rebuild.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"integr8s.embedded.mongo-backend=memory", "integr8s.roles=api,projections",
                "axon.eventhandling.processors.execution-projection.batch-size=200",
                "integr8s.dead-letters.processing-groups=saga-projection,notifications"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionRebuildTest {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuildTest.class);
    private static final int EXECUTIONS = 10_000;
    private static final Duration REBUILD_LIMIT = Duration.ofMinutes(10);

    static {
        TestHome.fresh("projection-rebuild");
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    ExecutionReadModel readModel;
    @Autowired
    ExecutionQueries queries;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    private List<String> ids;

    @BeforeAll
    void tenThousandExecutionsAreProjectedLive() {
        processing.eventProcessor(SagaProjection.PROCESSING_GROUP).ifPresent(EventProcessor::shutDown); // not under test
        Instant started = Instant.now();
        ids = new ExecutionEventGenerator(eventStore, 200).publish(EXECUTIONS, Instant.parse("2026-01-01T00:00:00Z"));
        log.info("Appended {} events in {}", EXECUTIONS * ExecutionEventGenerator.EVENTS_PER_EXECUTION,
                Duration.between(started, Instant.now()));
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        await().atMost(REBUILD_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> liveProcessorReached(head) && count(ExecutionView.COLLECTION) == EXECUTIONS);
    }

    @Test
    @Order(1)
    void aRebuildInterruptedAQuarterInResumesFromItsTokenYieldsTheLiveReadModelAndTheReadSideSwitchesToIt() {
        List<Document> live = documents(ExecutionView.COLLECTION);
        SmartLifecycle worker = context.getBean("rebuildWorker", SmartLifecycle.class);
        UUID id = rebuilds.requestRebuild(ExecutionReadModel.NAME).id();
        await().atMost(REBUILD_LIMIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            RebuildRequest running = rebuilds.find(id).orElseThrow();
            return running.total() > 0 && running.processed() >= running.total() / 4;
        });

        worker.stop();
        try {
            RebuildRequest interrupted = rebuilds.find(id).orElseThrow();
            assertThat(interrupted.status()).isEqualTo(RebuildStatus.RUNNING);
            assertThat(interrupted.processed()).isLessThan(interrupted.total());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = 'execution-projection-g1'"
                    + " AND token IS NOT NULL", Long.class)).isPositive();
            assertThat(count(ExecutionReadModel.collection(1))).isPositive();
        } finally {
            worker.start();
        }

        RebuildRequest done = awaitFinished(id);
        assertThat(done.status()).isEqualTo(RebuildStatus.COMPLETED);
        assertThat(done.generation()).isEqualTo(1);
        assertThat(done.total()).isEqualTo(events());
        logRate(done);
        assertThat(documents(ExecutionReadModel.collection(1))).isEqualTo(live);
        assertThat(mongo.collectionExists(ExecutionView.COLLECTION).block()).isFalse();
        await().atMost(Duration.ofSeconds(3)).until(() -> readModel.collection().equals("executions_g1"));
        assertThat(queries.find(ids.get(42)).block().script()).isEqualTo("print(42)");
        assertThat(tokens("execution-projection-g1")).isZero();
        assertThat(tokens(ExecutionProjection.PROCESSING_GROUP)).isPositive();
        assertThat(processing.eventProcessor(ExecutionProjection.PROCESSING_GROUP).orElseThrow().isRunning()).isTrue();
    }

    @Test
    @Order(2)
    void aResetIsAxonsOwnTokenResetAndAProcessorThatRefusesOneIsLeftAsItWas() {
        RebuildRequest reset = awaitFinished(rebuilds.requestReset("coordinator", null).id());
        RebuildRequest refused = awaitFinished(rebuilds.requestReset("ExecutionSagaProcessor", null).id());

        assertThat(reset.status()).isEqualTo(RebuildStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT tokentype FROM tokenentry WHERE processorname = 'coordinator'",
                String.class)).containsOnly(ReplayToken.class.getName());
        assertThat(refused.status()).isEqualTo(RebuildStatus.FAILED);
        assertThat(refused.error()).startsWith("the handlers of processor 'ExecutionSagaProcessor' do not support a reset");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_rebuilds WHERE halted_processor IS NOT NULL",
                Long.class)).isZero();
    }

    private RebuildRequest awaitFinished(UUID id) {
        return await().atMost(REBUILD_LIMIT).pollInterval(Duration.ofMillis(200))
                .until(() -> rebuilds.find(id).orElseThrow(), request -> request.status().finished());
    }

    private boolean liveProcessorReached(long head) {
        return processing.eventProcessor(ExecutionProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow().processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head && !status.isErrorState());
    }

    private void logRate(RebuildRequest done) {
        Duration took = Duration.between(done.startedAt(), done.finishedAt());
        log.info("Rebuild of {} events took {} ({} events/s)", done.processed(), took,
                done.processed() * 1000 / Math.max(1, took.toMillis()));
    }

    private List<Document> documents(String collection) {
        return mongo.find(new Query().with(Sort.by(ExecutionView.ID)), Document.class, collection).collectList().block();
    }

    private long count(String collection) {
        return mongo.count(new Query(), collection).block();
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private long tokens(String processor) {
        return jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = ?", Long.class, processor);
    }
}

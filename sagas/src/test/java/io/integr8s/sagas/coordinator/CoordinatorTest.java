package io.integr8s.sagas.coordinator;

import io.integr8s.command.execution.api.AdmitExecution;
import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionPriorityChanged;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.ExecutionRuleViolation;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.command.system.api.LogLevel;
import io.integr8s.command.system.api.SystemSettingsChanged;
import io.integr8s.command.system.api.SystemSettingsValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator over its real PostgreSQL queue, with admission commands dispatched on a real Axon bus. */
class CoordinatorTest {

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    private final List<String> admitted = new CopyOnWriteArrayList<>();
    private final Set<String> alreadyEnded = new java.util.concurrent.CopyOnWriteArraySet<>();
    private Coordinator coordinator;
    private JdbcAdmissionQueue queue;
    private SimpleCommandBus bus;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void setUp() {
        queue = new JdbcAdmissionQueue(jdbc);
        queue.createSchema();
        jdbc.execute("TRUNCATE coordinator_queue, coordinator_capacity");
        bus = SimpleCommandBus.builder().build();
        bus.subscribe(AdmitExecution.class.getName(), message -> {
            String id = ((AdmitExecution) message.getPayload()).executionId();
            if (alreadyEnded.contains(id)) {
                throw ExecutionRuleViolation.alreadyEnded(id, ExecutionStatus.CANCELLED, "admit");
            }
            admitted.add(id);
            return null;
        });
        coordinator = new Coordinator(queue, DefaultCommandGateway.builder().commandBus(bus).build(), 2);
    }

    private static ExecutionRequested requested(String id, Priority priority) {
        return new ExecutionRequested(id, "user-1", "print(1)", "python", "3.11", priority, 5, "128Mi", "1000m",
                Instant.now());
    }

    private void request(String id, Priority priority) {
        coordinator.on(requested(id, priority));
    }

    private void requestInOrder(String... ids) {
        for (String id : ids) {
            request(id, Priority.NORMAL);
        }
    }

    private void settingsAllow(int maxConcurrentExecutions) {
        SystemSettingsValues settings = new SystemSettingsValues(5, "128Mi", "1000m", maxConcurrentExecutions, 8, 60, 5,
                15, 30, LogLevel.INFO, true, 0.1);
        coordinator.on(new SystemSettingsChanged(SystemSettingsValues.AGGREGATE_ID, settings, settings, "admin",
                Instant.now(), false));
    }

    private void complete(String id) {
        coordinator.on(new ExecutionCompleted(id, "user-1",
                new ExecutionResult(0, "", "", false, false, ResourceUsage.wallTimeOnly(0.1), null, null)));
    }

    @Test
    void admitsUpToTheConcurrencyLimitAndTheRestWait() {
        request("a", Priority.NORMAL);
        request("b", Priority.NORMAL);
        request("c", Priority.NORMAL);

        assertThat(admitted).containsExactly("a", "b");
        assertThat(queue.admittedCount()).isEqualTo(2);
        assertThat(queue.waitingCount()).isEqualTo(1);
    }

    @Test
    void aFinishedExecutionFreesItsSlotForTheNext() {
        request("a", Priority.NORMAL);
        request("b", Priority.NORMAL);
        request("c", Priority.NORMAL);

        complete("a");

        assertThat(admitted).containsExactly("a", "b", "c");
        assertThat(queue.waitingCount()).isZero();
    }

    @Test
    void higherPriorityIsAdmittedFirstThenArrivalOrder() {
        request("busy-1", Priority.NORMAL);
        request("busy-2", Priority.NORMAL);
        request("low", Priority.LOW);
        request("normal-1", Priority.NORMAL);
        request("critical", Priority.CRITICAL);
        request("normal-2", Priority.NORMAL);

        complete("busy-1");
        complete("busy-2");
        complete("critical");
        complete("normal-1");

        assertThat(admitted).containsExactly("busy-1", "busy-2", "critical", "normal-1", "normal-2", "low");
    }

    @Test
    void aCancelledWaitingExecutionIsNeverAdmitted() {
        request("a", Priority.NORMAL);
        request("b", Priority.NORMAL);
        request("c", Priority.NORMAL);
        coordinator.on(new ExecutionCancelled("c", "user-1", "no longer needed", "user-1", ExecutionStatus.QUEUED));

        complete("a");

        assertThat(admitted).containsExactly("a", "b");
        assertThat(queue.waitingCount()).isZero();
    }

    @Test
    void anExecutionThatEndedBeforeItsTurnIsDroppedAndTheNextAdmitted() {
        request("a", Priority.NORMAL);
        request("b", Priority.NORMAL);
        request("gone", Priority.NORMAL);
        request("d", Priority.NORMAL);
        alreadyEnded.add("gone");

        complete("a");

        assertThat(admitted).containsExactly("a", "b", "d");
    }

    @Test
    void aRedeliveredRequestIsQueuedOnce() {
        request("a", Priority.NORMAL);
        request("a", Priority.NORMAL);
        coordinator.on(new ExecutionScheduled("a", "user-1", "print(1)", "python", "3.11", 5, "128Mi", "1000m"));

        assertThat(admitted).containsExactly("a");
        assertThat(queue.admittedCount()).isEqualTo(1);
    }

    @Test
    void aLowerCapacityFromTheSettingsHoldsBackTheNextExecution() {
        settingsAllow(1);
        requestInOrder("a", "b");

        assertThat(admitted).containsExactly("a");
        assertThat(queue.waitingCount()).isEqualTo(1);

        complete("a");

        assertThat(admitted).containsExactly("a", "b");
    }

    @Test
    void aHigherCapacityFromTheSettingsAdmitsWaitingExecutionsAtOnce() {
        requestInOrder("a", "b", "c", "d");

        settingsAllow(3);

        assertThat(admitted).containsExactly("a", "b", "c");
        assertThat(queue.waitingCount()).isEqualTo(1);
    }

    @Test
    void loweringTheCapacityBelowTheRunningOnesAdmitsNoneUntilEnoughEnded() {
        requestInOrder("a", "b", "c");
        settingsAllow(1);

        complete("a");
        assertThat(admitted).containsExactly("a", "b");

        complete("b");
        assertThat(admitted).containsExactly("a", "b", "c");
    }

    @Test
    void theCapacityFromTheSettingsOutlivesTheCoordinatorInstance() {
        settingsAllow(1);
        Coordinator restarted = new Coordinator(queue, DefaultCommandGateway.builder().commandBus(bus).build(), 2);

        restarted.on(requested("a", Priority.NORMAL));
        restarted.on(requested("b", Priority.NORMAL));

        assertThat(admitted).containsExactly("a");
    }

    private void reprioritize(String id, Priority from, Priority to) {
        coordinator.on(new ExecutionPriorityChanged(id, "user-1", from, to, "admin-1"));
    }

    @Test
    void aRaisedWaitingExecutionIsAdmittedBeforeThoseThatCameEarlier() {
        requestInOrder("busy-1", "busy-2", "first", "second");

        reprioritize("second", Priority.NORMAL, Priority.HIGH);
        complete("busy-1");

        assertThat(admitted).containsExactly("busy-1", "busy-2", "second");
    }

    @Test
    void aLoweredExecutionKeepsItsArrivalAmongItsNewPeers() {
        requestInOrder("busy-1", "busy-2");
        request("early-low", Priority.LOW);
        request("normal", Priority.NORMAL);
        request("late-low", Priority.LOW);

        reprioritize("normal", Priority.NORMAL, Priority.LOW);
        complete("busy-1");
        complete("busy-2");
        complete("early-low");

        assertThat(admitted).containsExactly("busy-1", "busy-2", "early-low", "normal", "late-low");
    }

    @Test
    void anAdmittedExecutionKeepsItsSlotWhateverItsPriority() {
        requestInOrder("a", "b", "c");

        reprioritize("a", Priority.NORMAL, Priority.BACKGROUND);

        assertThat(coordinator.status().waitingByPriority()).containsEntry(Priority.NORMAL, 1)
                .containsEntry(Priority.BACKGROUND, 0);
        assertThat(coordinator.status().admitted()).isEqualTo(2);
    }

    @Test
    void theStatusCountsWaitingPerPriorityBesideTheActiveOnesAndTheCapacity() {
        settingsAllow(1);
        request("running", Priority.NORMAL);
        request("c", Priority.CRITICAL);
        request("n1", Priority.NORMAL);
        request("n2", Priority.NORMAL);

        QueueStatus status = coordinator.status();

        assertThat(status.waiting()).isEqualTo(3);
        assertThat(status.admitted()).isEqualTo(1);
        assertThat(status.maxConcurrent()).isEqualTo(1);
        assertThat(status.waitingByPriority()).isEqualTo(Map.of(Priority.CRITICAL, 1, Priority.HIGH, 0,
                Priority.NORMAL, 2, Priority.LOW, 0, Priority.BACKGROUND, 0));
    }

    @Test
    void gaugesShowWaitingAndAdmittedPerPriorityAndNeverGoNegative() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new CoordinatorMetrics(queue, new EverReadingClock()).bindTo(registry);
        request("high", Priority.HIGH);
        request("normal", Priority.NORMAL);
        request("low", Priority.LOW);

        assertThat(gauge(registry, CoordinatorMetrics.ACTIVE, Priority.HIGH)).isEqualTo(1);
        assertThat(gauge(registry, CoordinatorMetrics.ACTIVE, Priority.NORMAL)).isEqualTo(1);
        assertThat(gauge(registry, CoordinatorMetrics.QUEUE_DEPTH, Priority.LOW)).isEqualTo(1);

        complete("high");
        complete("high");

        assertThat(gauge(registry, CoordinatorMetrics.ACTIVE, Priority.HIGH)).isZero();
        assertThat(gauge(registry, CoordinatorMetrics.ACTIVE, Priority.LOW)).isEqualTo(1);
        assertThat(gauge(registry, CoordinatorMetrics.QUEUE_DEPTH, Priority.LOW)).isZero();
        assertThat(registry.find(CoordinatorMetrics.QUEUE_DEPTH).gauges()).hasSize(Priority.values().length)
                .allSatisfy(gauge -> assertThat(gauge.value()).isNotNegative());
    }

    private static double gauge(SimpleMeterRegistry registry, String name, Priority priority) {
        return registry.get(name).tag("priority", priority.wireName()).gauge().value();
    }

    /** Past the gauges' freshness window at every reading, so each reading queries the queue. */
    private static final class EverReadingClock extends Clock {

        private Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plus(CoordinatorMetrics.FRESH_FOR).plusMillis(1);
            return now;
        }
    }
}

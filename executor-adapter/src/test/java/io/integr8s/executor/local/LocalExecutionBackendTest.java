package io.integr8s.executor.local;

import io.integr8s.command.execution.Execution;
import io.integr8s.command.execution.api.AdmitExecution;
import io.integr8s.command.execution.api.CancelExecution;
import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionCompleted;
import io.integr8s.command.execution.api.ExecutionFailed;
import io.integr8s.command.execution.api.ExecutionStarted;
import io.integr8s.command.execution.api.PodCreated;
import io.integr8s.command.execution.api.PodDeleted;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.command.execution.api.RecordPodCreated;
import io.integr8s.command.execution.api.RequestExecution;
import io.integr8s.command.runtime.RuntimeRegistry;
import io.integr8s.command.sandbox.api.CreateSandbox;
import io.integr8s.command.sandbox.api.DeleteSandbox;
import io.integr8s.executor.DelegatingBackend;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxCommandHandler;
import io.integr8s.executor.StoredEvents;
import io.integr8s.executor.SandboxSpec;
import io.integr8s.executor.runtime.InstalledRuntimes;
import io.integr8s.executor.runtime.RuntimeProperties;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The executor behind Axon's command bus, against the real {@link Execution} aggregate on an in-memory event store:
 * the aggregate's once-only rule is what makes a sandbox run once.
 */
class LocalExecutionBackendTest {

    private static final int UID = 61_010;

    @TempDir
    Path home;

    private Configuration axon;
    private LocalExecutionBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void creatingTheSameSandboxTwiceRunsItOnce() {
        start(2);
        String id = scheduled("import time\ntime.sleep(0.5)\nprint('ran')");

        axon.commandGateway().sendAndWait(createSandbox(id, "import time\ntime.sleep(0.5)\nprint('ran')"));
        axon.commandGateway().sendAndWait(createSandbox(id, "import time\ntime.sleep(0.5)\nprint('ran')"));
        ExecutionCompleted completed = awaitEvent(id, ExecutionCompleted.class);
        // a second executor (or this one after a restart) that knows nothing of the first run
        LocalExecutionBackend other = backend(2, home.resolve("other"), new ExecutionReporter(axon.commandGateway()));
        other.create(new SandboxSpec(id, "print('again')", "python", "3.11", Duration.ofSeconds(5)));
        other.close();

        assertThat(completed.result().stdout()).isEqualTo("ran\n");
        assertThat(count(id, PodCreated.class)).isEqualTo(1);
        assertThat(count(id, ExecutionStarted.class)).isEqualTo(1);
        assertThat(count(id, ExecutionCompleted.class)).isEqualTo(1);
        assertThat(backend.activity().peak()).isEqualTo(1);
        assertThat(markers()).isEmpty();
    }

    @Test
    void aCompletedRunIsReportedWithPodNameAndTheSandboxIsDeletedOnce() {
        start(2);
        String id = scheduled("print('hello')");

        axon.commandGateway().sendAndWait(createSandbox(id, "print('hello')"));
        ExecutionCompleted completed = awaitEvent(id, ExecutionCompleted.class);
        axon.commandGateway().sendAndWait(new DeleteSandbox(id, "completed"));
        axon.commandGateway().sendAndWait(new DeleteSandbox(id, "completed"));

        assertThat(completed.result().exitCode()).isZero();
        assertThat(events(id).stream().filter(PodCreated.class::isInstance).map(e -> ((PodCreated) e).podName()))
                .containsExactly("sandbox-" + id);
        assertThat(count(id, PodDeleted.class)).isEqualTo(1);
        assertThat(backend.isActive(id)).isFalse();
    }

    @Test
    void deletingACancelledRunStopsItQuicklyAndLeavesNothing() {
        start(2);
        String id = scheduled("while True:\n    pass");
        axon.commandGateway().sendAndWait(createSandbox(id, "while True:\n    pass"));
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.isActive(id));

        axon.commandGateway().sendAndWait(new CancelExecution(id, "user asked", "tester"));
        long start = System.nanoTime();
        axon.commandGateway().sendAndWait(new DeleteSandbox(id, "cancelled: user asked"));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(seconds).isLessThan(2);
        assertThat(backend.isActive(id)).isFalse();
        assertThat(SandboxTestSupport.processesOf(UID)).isEmpty();
        assertThat(count(id, PodDeleted.class)).isEqualTo(1);
        assertThat(count(id, ExecutionCompleted.class) + count(id, ExecutionFailed.class)).isZero();
        assertThat(markers()).isEmpty();
    }

    @Test
    void nothingRunsIfTheCallersUnitOfWorkRollsBack() throws Exception {
        start(2);
        String id = scheduled("print('must not run')");

        DefaultUnitOfWork<?> saga = DefaultUnitOfWork.startAndGet(null);
        backend.create(new SandboxSpec(id, "print('must not run')", "python", "3.11", Duration.ofSeconds(5)));
        assertThat(backend.isActive(id)).as("not launched before the commit").isFalse();
        saga.rollback();
        Thread.sleep(500);

        assertThat(count(id, PodCreated.class)).isZero();
        assertThat(count(id, ExecutionStarted.class)).isZero();
        assertThat(backend.activity().peak()).isZero();
        assertThat(markers()).isEmpty();
    }

    @Test
    void runsBeyondMaxParallelWaitForASlot() {
        start(1);
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> scheduled("import time\ntime.sleep(0.3)")).toList();

        ids.forEach(id -> axon.commandGateway().sendAndWait(createSandbox(id, "import time\ntime.sleep(0.3)")));
        ids.forEach(id -> awaitEvent(id, ExecutionCompleted.class));

        assertThat(backend.activity().peak()).isEqualTo(1);
        assertThat(backend.activity().active()).isZero();
    }

    @Test
    void aRunLostWithThePreviousProcessIsReportedFailedAndNeverRunsAgain() throws Exception {
        startAxon();
        String lost = scheduled("print('once')");
        axon.commandGateway().sendAndWait(new RecordPodCreated(lost, "sandbox-" + lost));
        String neverClaimed = scheduled("print('once')");
        Files.createDirectories(home.resolve("sandboxes"));
        Files.writeString(home.resolve("sandboxes").resolve(lost), "pid 1\n");
        Files.writeString(home.resolve("sandboxes").resolve(neverClaimed), "pid 1\n");
        ExecutionReporter reporter = new ExecutionReporter(axon.commandGateway());
        backend = backend(2, home, reporter);

        axon.commandGateway().sendAndWait(createSandbox(neverClaimed, "print('once')"));
        new JournalReconciler(new SandboxJournal(home.resolve("sandboxes")), reporter).reconcile();
        axon.commandGateway().sendAndWait(createSandbox(lost, "print('once')"));

        ExecutionFailed failed = awaitEvent(lost, ExecutionFailed.class);
        assertThat(failed.result().errorType()).isEqualTo(ErrorType.SYSTEM_ERROR);
        assertThat(failed.result().message()).isEqualTo(JournalReconciler.LOST_RUN);
        assertThat(count(lost, ExecutionStarted.class)).isZero();
        assertThat(count(neverClaimed, PodCreated.class)).isZero();
        assertThat(markers()).isEmpty();
    }

    /** The process died after the run finished and before its result was reported. */
    @Test
    void aRunThatFinishedButWasNotReportedIsReportedWithItsOutputAfterARestart() throws Exception {
        startAxon();
        String id = scheduled("print('kept')");
        ExecutionReporter dyingReporter = new ExecutionReporter(axon.commandGateway()) {
            @Override
            public void finished(String executionId, SandboxResult result) {
                throw new IllegalStateException("the process died before the result was reported");
            }
        };
        backend = backend(2, home, dyingReporter);
        axon.commandGateway().sendAndWait(createSandbox(id, "print('kept')"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(home.resolve("sandboxes").resolve(id))
                .startsWith("{"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("sandboxes").resolve(id))))
                .isEqualTo("rw-------");
        assertThat(count(id, ExecutionCompleted.class)).isZero();

        new JournalReconciler(new SandboxJournal(home.resolve("sandboxes")), new ExecutionReporter(axon.commandGateway()))
                .reconcile();

        ExecutionCompleted completed = awaitEvent(id, ExecutionCompleted.class);
        assertThat(completed.result().stdout()).isEqualTo("kept\n");
        assertThat(completed.result().exitCode()).isZero();
        assertThat(count(id, ExecutionFailed.class)).isZero();
        assertThat(markers()).isEmpty();
    }

    @Test
    void shutdownKillsRunningSandboxesAndKeepsTheirMarkers() {
        start(2);
        String id = scheduled("import time\ntime.sleep(60)");
        axon.commandGateway().sendAndWait(createSandbox(id, "import time\ntime.sleep(60)"));
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.isActive(id));

        backend.close();

        assertThat(SandboxTestSupport.processesOf(UID)).isEmpty();
        assertThat(markers()).containsExactly(id);
        assertThat(count(id, ExecutionCompleted.class) + count(id, ExecutionFailed.class)).isZero();
    }

    private void start(int maxParallel) {
        startAxon();
        backend = backend(maxParallel, home, new ExecutionReporter(axon.commandGateway()));
    }

    private void startAxon() {
        InstalledRuntimes runtimes = new InstalledRuntimes(new RuntimeProperties(null));
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Execution.class)
                .registerComponent(RuntimeRegistry.class, c -> runtimes.registry())
                .registerCommandHandler(c -> new SandboxCommandHandler(new DelegatingBackend(() -> backend)))
                .buildConfiguration();
        axon.start();
    }

    private static LocalExecutionBackend backend(int maxParallel, Path home, ExecutionReporter reporter) {
        return new LocalExecutionBackend(SandboxTestSupport.factory(SandboxTestSupport.properties(UID, maxParallel)),
                new SandboxJournal(home.resolve("sandboxes")), reporter);
    }

    private String scheduled(String script) {
        String id = UUID.randomUUID().toString();
        axon.commandGateway().sendAndWait(new RequestExecution(id, "tester", script, "python", "3.11", Priority.NORMAL,
                5, "128Mi", "1000m", Instant.now()));
        axon.commandGateway().sendAndWait(new AdmitExecution(id));
        return id;
    }

    private static CreateSandbox createSandbox(String id, String script) {
        return new CreateSandbox(id, script, "python", "3.11", 5, "128Mi", "1000m");
    }

    private List<Object> events(String id) {
        return new StoredEvents(axon.eventStore()).of(id);
    }

    private long count(String id, Class<?> type) {
        return new StoredEvents(axon.eventStore()).count(id, type);
    }

    private <T> T awaitEvent(String id, Class<T> type) {
        return new StoredEvents(axon.eventStore()).await(id, type);
    }

    private List<String> markers() {
        try (var files = Files.list(home.resolve("sandboxes"))) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

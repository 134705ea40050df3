package io.integr8s.executor.local;

import io.integr8s.executor.ExecutionBackend;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs sandboxes as bubblewrap processes on this machine, at most {@code max-parallel} at once.
 * <p>
 * Once only: a journal marker is written, then the sandbox is claimed from the aggregate ({@code RecordPodCreated}),
 * and only an accepted claim runs, after the caller's unit of work committed (before that the claim is not visible,
 * and a start report could overtake it). A marker outlives a crash, so a run lost with the process is reported
 * failed at the next start instead of being run again; a finished run's marker holds its result until it was
 * reported, so a restart in between reports that result.
 */
public class LocalExecutionBackend implements ExecutionBackend, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalExecutionBackend.class);

    private final LocalSandboxFactory sandboxes;
    private final SandboxJournal journal;
    private final ExecutionReporter reporter;
    private final ExecutorService runs;
    /** Sandboxes created by this process and not deleted yet, running or ended. */
    private final Map<String, LocalSandbox> created = new ConcurrentHashMap<>();
    /** Claimed runs that have not reported their end yet (queued or running). */
    private final Set<String> unfinished = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private volatile boolean closing;

    LocalExecutionBackend(LocalSandboxFactory sandboxes, SandboxJournal journal, ExecutionReporter reporter) {
        this.sandboxes = sandboxes;
        this.journal = journal;
        this.reporter = reporter;
        int slots = sandboxes.properties().effectiveMaxParallel();
        AtomicInteger threads = new AtomicInteger();
        this.runs = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "sandbox-run-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        sandboxes.commandLine().problem().ifPresent(problem -> log.warn("Local sandboxes cannot start: {}", problem));
    }

    @Override
    public void create(SandboxSpec spec) {
        String id = spec.executionId();
        if (draining) {
            throw new IllegalStateException("This executor is shutting down and creates no sandbox for execution " + id
                    + "; the instance that takes over its saga creates it");
        }
        LocalSandbox sandbox = sandboxes.create(spec);
        if (created.putIfAbsent(id, sandbox) != null) {
            log.debug("Sandbox {} was already created by this executor; nothing to do", spec.podName());
            return;
        }
        if (journal.isLeftover(id)) {
            created.remove(id);
            log.info("Not running execution {}: it was in a sandbox when the executor last stopped; it is reported "
                    + "failed and never runs twice", id);
            return;
        }
        journal.record(id);
        boolean claimed;
        try {
            claimed = reporter.claimSandbox(id, spec.podName());
        } catch (RuntimeException e) {
            forget(id);
            throw e;
        }
        if (!claimed) {
            forget(id);
            log.debug("Execution {} refused the sandbox (already created or ended); not running it", id);
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unit -> launch(sandbox));
            CurrentUnitOfWork.get().onRollback(unit -> forget(id));
        } else {
            launch(sandbox);
        }
    }

    @Override
    public void delete(String executionId) {
        LocalSandbox sandbox = created.remove(executionId);
        if (sandbox == null) {
            log.debug("No sandbox of execution {} on this executor; nothing to delete", executionId);
            return;
        }
        try {
            sandbox.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the sandbox of execution " + executionId, e);
        }
        journal.remove(executionId);
        reporter.sandboxDeleted(executionId);
    }

    @Override
    public boolean isActive(String executionId) {
        LocalSandbox sandbox = created.get(executionId);
        return sandbox != null && sandbox.isRunning();
    }

    public SandboxActivity activity() {
        return sandboxes.activity();
    }

    /**
     * Graceful shutdown, while the command bus is still up: no new sandbox is created; claimed runs, queued or running,
     * may finish within {@code grace}. What has not finished then is stopped and reported failed with the reason, so no
     * execution this executor took stays unfinished.
     */
    public void drain(Duration grace) throws InterruptedException {
        draining = true;
        runs.shutdown();
        if (!runs.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            runs.shutdownNow();
        }
        for (String id : Set.copyOf(unfinished)) {
            LocalSandbox sandbox = created.get(id);
            if (sandbox != null) {
                sandbox.stop();
            }
            try {
                reporter.finished(id, SandboxResult.systemError("The instance running this execution shut down and "
                        + "it did not finish within the " + grace.toSeconds() + " s it was given; submit it again"));
                journal.remove(id);
                unfinished.remove(id);
            } catch (RuntimeException e) {
                log.error("Execution {} was stopped by the shutdown but could not be reported; its journal marker "
                        + "stays, so the next start of this executor reports it as lost", id, e);
            }
        }
    }

    /** Last: kills every sandbox still running and keeps its marker, so the next start reports it as lost. */
    @Override
    public void close() {
        closing = true;
        runs.shutdownNow();
        for (LocalSandbox sandbox : created.values()) {
            try {
                sandbox.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sandboxes.staging().close();
    }

    private void launch(LocalSandbox sandbox) {
        if (closing) {
            return;
        }
        String id = sandbox.spec().executionId();
        unfinished.add(id);
        try {
            runs.execute(() -> runToEnd(sandbox));
        } catch (RejectedExecutionException drained) {
            log.warn("Execution {} was claimed as the executor began to shut down; its drain reports it", id);
        }
    }

    private void runToEnd(LocalSandbox sandbox) {
        String id = sandbox.spec().executionId();
        try {
            Optional<SandboxResult> result = sandbox.run(() -> reporter.started(id));
            if (result.isPresent()) {
                // kept until reported: a restart in between reports it from the journal instead of as lost
                journal.recordResult(id, result.get());
                reporter.finished(id, result.get());
            }
            unfinished.remove(id);
            if (!closing) {
                journal.remove(id);
            }
        } catch (RuntimeException e) {
            log.error("Execution {}: its sandbox result could not be reported; its journal marker stays, so the next "
                    + "start reports it as lost", id, e);
        }
    }

    private void forget(String executionId) {
        created.remove(executionId);
        journal.remove(executionId);
    }
}

package io.integr8s.executor.local;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.SandboxResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At start-up, reports every run of the previous process that the journal still holds and clears its entry: one
 * that had finished with the result it kept, one that was still in its sandbox as failed (never re-run: a script
 * must not run twice).
 * <p>
 * First of all listeners of the context refresh: db-scheduler starts Axon's durable deadline manager on that same
 * event, and a saga deadline that fell due while the process was down would otherwise fire at once and end a run
 * killed mid-flight as {@code timeout} before its journal entry was reported. Once the aggregate has the report, the
 * late deadline's {@code ExpireExecution} is refused. The command bus and event store run by then (they start in
 * the lifecycle phase before the refresh event).
 */
class JournalReconciler {

    static final String LOST_RUN = "The executor restarted while this execution was in its sandbox; it was stopped "
            + "and is not re-run so that it never runs twice. Retry it to run it again.";

    private static final Logger log = LoggerFactory.getLogger(JournalReconciler.class);

    private final SandboxJournal journal;
    private final ExecutionReporter reporter;
    private final AtomicBoolean reconciled = new AtomicBoolean();

    JournalReconciler(SandboxJournal journal, ExecutionReporter reporter) {
        this.journal = journal;
        this.reporter = reporter;
    }

    @EventListener(ContextRefreshedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void reconcile() {
        // a child context's refresh reaches this listener too
        if (!reconciled.compareAndSet(false, true)) {
            return;
        }
        for (String executionId : journal.leftovers()) {
            Optional<SandboxResult> finished = journal.result(executionId);
            if (finished.isPresent()) {
                log.info("Execution {} had finished when the executor stopped; reporting its result", executionId);
            } else {
                log.warn("Execution {} was in a sandbox when the executor stopped; reporting it as failed", executionId);
            }
            reporter.finished(executionId, finished.orElseGet(() -> new SandboxResult(Outcome.FAILED,
                    ExecutionResult.failure(ErrorType.SYSTEM_ERROR, LOST_RUN))));
            journal.remove(executionId);
        }
    }
}

package io.integr8s.executor.local;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.SandboxResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * At start-up, reports every run that died with the previous process as failed (never re-runs it: a script must
 * not run twice) and clears its marker.
 */
class JournalReconciler {

    static final String LOST_RUN = "The executor restarted while this execution was in its sandbox; it was stopped "
            + "and is not re-run so that it never runs twice. Retry it to run it again.";

    private static final Logger log = LoggerFactory.getLogger(JournalReconciler.class);

    private final SandboxJournal journal;
    private final ExecutionReporter reporter;

    JournalReconciler(SandboxJournal journal, ExecutionReporter reporter) {
        this.journal = journal;
        this.reporter = reporter;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcile() {
        for (String executionId : journal.leftovers()) {
            log.warn("Execution {} was in a sandbox when the executor stopped; reporting it as failed", executionId);
            reporter.finished(executionId, new SandboxResult(Outcome.FAILED,
                    ExecutionResult.failure(ErrorType.SYSTEM_ERROR, LOST_RUN)));
            journal.remove(executionId);
        }
    }
}

package io.integr8s.executor.local;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.executor.ExecutionReporter;
import io.integr8s.executor.SandboxResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed mid-flight is reported from the journal before the durable deadline manager starts, so an overdue
 * saga deadline finds the execution ended and cannot make it a timeout.
 */
class JournalReconcilerTest {

    private final List<String> happened = new ArrayList<>();

    /** What db-scheduler's ContextReadyStart does with Axon's deadline manager: an unordered refresh listener. */
    class DeadlineManagerStart {
        @EventListener(ContextRefreshedEvent.class)
        void start() {
            happened.add("deadline manager started");
        }
    }

    @Test
    void leftoverRunsAreReportedBeforeTheDeadlineManagerStartsAndOnlyOnce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("killed-mid-flight"), "pid 1\n");
        ExecutionReporter reporter = new ExecutionReporter(null) {
            @Override
            public void finished(String executionId, SandboxResult result) {
                assertThat(result.result().errorType()).isEqualTo(ErrorType.SYSTEM_ERROR);
                assertThat(result.result().message()).isEqualTo(JournalReconciler.LOST_RUN);
                happened.add(executionId + " reported");
            }
        };
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(DeadlineManagerStart.class, () -> new DeadlineManagerStart());
            context.registerBean(JournalReconciler.class, () -> new JournalReconciler(new SandboxJournal(dir), reporter));
            context.refresh();
            try (AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext()) {
                child.setParent(context);
                child.refresh();
            }
        }

        // the child's refresh reaches both listeners again; only the fake deadline manager acts on it
        assertThat(happened).containsExactly("killed-mid-flight reported", "deadline manager started",
                "deadline manager started");
    }
}

package io.integr8s.executor.local;

import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.command.execution.api.ResourceUsage;
import io.integr8s.executor.SandboxResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal names the executions running here and keeps their results: nobody else may list or read it. */
class SandboxJournalTest {

    @Test
    void aNewJournalDirectoryIsPrivate(@TempDir Path home) throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = home.resolve("sandboxes");

        new SandboxJournal(dir).record("execution-1");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(Files.exists(dir.resolve("execution-1"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("execution-1"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aFinishedRunsResultSurvivesTheProcessAndAMarkerHasNone(@TempDir Path home) throws Exception {
        Path dir = home.resolve("sandboxes");
        SandboxJournal journal = new SandboxJournal(dir);
        journal.record("finished");
        journal.record("killed");
        SandboxResult result = new SandboxResult(Outcome.COMPLETED, new ExecutionResult(0, "out\n", "err\n", false,
                true, new ResourceUsage(0.25, 1200L, 9000L), null, null));
        journal.recordResult("finished", result);
        Files.writeString(dir.resolve(".writing-killed"), "{\"outcome\":");

        SandboxJournal afterRestart = new SandboxJournal(dir);

        assertThat(afterRestart.leftovers()).containsExactlyInAnyOrder("finished", "killed");
        assertThat(afterRestart.result("finished")).contains(result);
        assertThat(afterRestart.result("killed")).isEmpty();
        assertThat(dir.resolve(".writing-killed")).doesNotExist();
    }
}

package io.integr8s.executor.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal names the executions running here: nobody else may list it. */
class SandboxJournalTest {

    @Test
    void aNewJournalDirectoryIsPrivate(@TempDir Path home) throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = home.resolve("sandboxes");

        new SandboxJournal(dir).record("execution-1");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(Files.exists(dir.resolve("execution-1"))).isTrue();
    }
}

package io.integr8s.executor.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptStagingTest {

    @Test
    void stagingLeftByACrashedExecutorIsRemovedAtTheNextStartWhileALiveOnesIsKept() throws Exception {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dead = Files.createTempDirectory(temp, "integr8s-staging-" + Integer.MAX_VALUE + "-");
        Files.writeString(Files.createDirectory(dead.resolve("run-1")).resolve("main.py"), "print('secret')");
        Process other = new ProcessBuilder("sleep", "30").start();
        Path live = Files.createTempDirectory(temp, "integr8s-staging-" + other.pid() + "-");
        try {
            ScriptStaging staging = ScriptStaging.open(null, new SandboxUser(61900, 61900, true));
            staging.close();

            assertThat(dead).doesNotExist();
            assertThat(live).exists();
        } finally {
            other.destroyForcibly();
            Files.deleteIfExists(live);
        }
    }
}

package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeLockTest {

    @TempDir
    Path home;

    @Test
    void aSecondProcessOnTheSameHomeFailsWithAClearMessage() throws Exception {
        try (HomeLock ignored = HomeLock.acquire(home)) {
            Process other = probe();
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).as(output).isEqualTo(3);
            assertThat(output).contains(home.toString(), "pid " + ProcessHandle.current().pid(), "INTEGR8S_HOME");
        }
        Process afterRelease = probe();
        assertThat(new String(afterRelease.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("ACQUIRED");
        assertThat(afterRelease.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private Process probe() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HomeLockProbe.class.getName(), home.toString())
                .redirectErrorStream(true)
                .start();
    }
}

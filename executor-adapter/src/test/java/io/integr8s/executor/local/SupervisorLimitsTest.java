package io.integr8s.executor.local;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.executor.RunLimits;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The supervisor against attacks on its limits: real cgroups (the executor runs as root), bubblewrap and python.
 * Each limit ends in its own outcome and leaves no process and no cgroup behind.
 */
class SupervisorLimitsTest {

    private static final int UID = 61_020;
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "cpuacct", "freezer");
    private static final AtomicInteger ids = new AtomicInteger();
    private static LocalSandboxFactory factory;

    @BeforeAll
    static void sandboxes() {
        factory = SandboxTestSupport.factory(SandboxTestSupport.properties(UID, 2)
                .withLimits(ResourceLimits.defaults()));
    }

    @AfterAll
    static void cleanUp() {
        factory.staging().close();
    }

    @Test
    void aMemoryBombIsKilledAtTheMemoryLimit() {
        SandboxResult result = run(factory, "b = bytearray(1 << 30)\nprint('survived')", 10);

        assertLimit(result, "memory limit of 128 MiB exceeded");
        assertThat(result.result().exitCode()).isEqualTo(128 + 9);
        assertThat(result.result().stdout()).isEmpty();
        assertThat(result.result().resourceUsage().peakMemoryKb()).isBetween(100L * 1024, 129L * 1024);
        assertHostClean();
    }

    @Test
    void aRunsOwnMemoryLimitReplacesTheConfiguredOne() {
        String hungry = "b = b'x' * (48 << 20)\nprint('survived')";
        assertThat(completed(factory, hungry).stdout()).as("fits the configured 128 MiB").isEqualTo("survived\n");

        SandboxResult result = factory.create(new SandboxSpec("limits-" + ids.incrementAndGet(), hungry, "python",
                "3.11", Duration.ofSeconds(10), new RunLimits(32L * 1024 * 1024, 0.5))).run(() -> true).orElseThrow();

        assertLimit(result, "memory limit of 32 MiB exceeded");
        assertHostClean();
    }

    @Test
    void aForkBombStopsAtTheProcessLimitAndTheHostStaysFine() {
        String bomb = """
                import os
                while True:
                    try:
                        os.fork()
                    except OSError:
                        pass
                """;
        SandboxResult result = run(factory, bomb, 3);

        assertLimit(result, "process limit of 64 exceeded");
        assertThat(result.result().exitCode()).as("killed by us at the wall-clock limit").isEqualTo(-1);
        assertHostClean();
        assertThat(completed(factory, "print('fine')").stdout()).isEqualTo("fine\n");
    }

    @Test
    void aCpuSpinEndsAtTheCpuTimeLimit() {
        LocalSandboxFactory oneSecond = SandboxTestSupport.factory(SandboxTestSupport.properties(UID, 2)
                .withLimits(withCpuTime(Duration.ofSeconds(1))));
        try {
            long start = System.nanoTime();
            SandboxResult result = run(oneSecond, "while True:\n    pass", 10);

            assertLimit(result, "CPU time limit of 1 s exceeded");
            assertThat(result.result().exitCode()).as("SIGXCPU").isEqualTo(128 + 24);
            assertThat(result.result().resourceUsage().cpuTimeMicros()).as("RLIMIT_CPU counts in ticks, the cgroup exactly").isBetween(900_000L, 1_500_000L);
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(4);
            assertHostClean();
        } finally {
            oneSecond.staging().close();
        }
    }

    @Test
    void fillingTmpEndsAtTheTmpDiskLimit() {
        String fill = """
                chunk = b'x' * (1 << 20)
                with open('/tmp/fill', 'wb') as f:
                    for i in range(100):
                        f.write(chunk)
                """;
        SandboxResult result = run(factory, fill, 10);

        assertLimit(result, "tmp disk limit of 64 MiB exceeded");
        assertThat(result.result().exitCode()).isEqualTo(1);
        assertThat(result.result().stderr()).containsAnyOf("No space left on device", "File too large");
        assertHostClean();
    }

    @Test
    void aSetsidDoubleForkedDaemonDoesNotOutliveTheRunAndTheCgroupIsRemoved() {
        String daemon = """
                import os, time
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        os.closerange(0, 3)
                        time.sleep(1000)
                    os._exit(0)
                time.sleep(0.2)
                print('parent done')
                """;
        SandboxSpec spec = spec(daemon, 10);
        SandboxResult result = factory.create(spec).run(() -> true).orElseThrow();

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
        assertThat(result.result().stdout()).isEqualTo("parent done\n");
        assertHostClean();
        assertThat(cgroupsNamed(spec.executionId())).isEmpty();
    }

    @Test
    void twoConcurrentRunsHaveDifferentUids() {
        String script = "import os, time\nprint(os.getuid())\ntime.sleep(1)";
        CompletableFuture<ExecutionResult> first = CompletableFuture.supplyAsync(() -> completed(factory, script));
        CompletableFuture<ExecutionResult> second = CompletableFuture.supplyAsync(() -> completed(factory, script));

        String a = first.join().stdout().strip();
        String b = second.join().stdout().strip();
        assertThat(List.of(a, b)).containsExactlyInAnyOrder(Integer.toString(UID), Integer.toString(UID + 1));
    }

    @Test
    void aTwentyMillisecondScriptReportsItsCpuTimeAndPeakMemory() {
        ExecutionResult result = completed(factory, """
                import time
                start = time.process_time()
                while time.process_time() - start < 0.02:
                    pass
                """);

        assertThat(result.resourceUsage().cpuTimeMicros()).isGreaterThanOrEqualTo(20_000L);
        assertThat(result.resourceUsage().peakMemoryKb()).isPositive();
    }

    @Test
    void tenThousandOpenFilesFailGracefullyWithEmfile() {
        ExecutionResult result = completed(factory, """
                import errno
                files = []
                try:
                    for i in range(10000):
                        files.append(open('/dev/null'))
                except OSError as e:
                    print(len(files) < 256, errno.errorcode[e.errno])
                """);

        assertThat(result.stdout()).isEqualTo("True EMFILE\n");
    }

    @Test
    void aCgroupLeftByACrashedExecutorIsEmptiedAndRemovedAtStart() throws Exception {
        String name = "999999999-1-1-crashed";
        for (String controller : CONTROLLERS) {
            Files.createDirectories(CGROUPS.resolve(controller).resolve(Cgroups.PARENT).resolve(name));
        }
        Process orphan = new ProcessBuilder("/bin/sleep", "1000").start();
        for (String controller : CONTROLLERS) {
            Files.writeString(CGROUPS.resolve(controller).resolve(Cgroups.PARENT).resolve(name).resolve("cgroup.procs"),
                    Long.toString(orphan.pid()));
        }

        LocalSandboxFactory restarted = SandboxTestSupport.factory(SandboxTestSupport.properties(UID, 1));
        restarted.staging().close();

        assertThat(orphan.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(cgroupsNamed(name)).isEmpty();
    }

    @Test
    void withoutCgroupsTheBackendRefusesToStartUnlessInsecureLocalIsSet(@TempDir Path empty) {
        assertThatThrownBy(() -> SandboxTestSupport.factory(SandboxTestSupport.properties(UID, 1)
                .withCgroupRoot(empty, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("memory and process limits cannot be enforced")
                .hasMessageContaining("integr8s.executor.local.insecure-local=true");

        LocalSandboxFactory insecure = SandboxTestSupport.factory(SandboxTestSupport.properties(UID, 1)
                .withCgroupRoot(empty, true));
        try {
            SandboxResult result = run(insecure, "print('unlimited')", 10);

            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(result.result().stdout()).isEqualTo("unlimited\n");
            assertThat(result.result().message()).contains("not resource-limited");
            assertThat(result.result().resourceUsage().cpuTimeMicros()).isNull();
        } finally {
            insecure.staging().close();
        }
    }

    private static ResourceLimits withCpuTime(Duration cpuTime) {
        ResourceLimits d = ResourceLimits.defaults();
        return new ResourceLimits(d.memory(), d.cpus(), d.processes(), cpuTime, d.openFiles(), d.tmp());
    }

    private static void assertLimit(SandboxResult result, String message) {
        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
        assertThat(result.result().errorType()).isEqualTo(ErrorType.RESOURCE_LIMIT);
        assertThat(result.result().message()).isEqualTo(message);
    }

    private static void assertHostClean() {
        assertThat(SandboxTestSupport.processesOf(UID)).isEmpty();
    }

    private static List<Path> cgroupsNamed(String part) {
        return CONTROLLERS.stream().map(c -> CGROUPS.resolve(c).resolve(Cgroups.PARENT))
                .filter(Files::isDirectory)
                .flatMap(SupervisorLimitsTest::list)
                .filter(dir -> dir.getFileName().toString().contains(part))
                .toList();
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SandboxSpec spec(String python, int timeoutSeconds) {
        return new SandboxSpec("limits-" + ids.incrementAndGet(), python, "python", "3.11",
                Duration.ofSeconds(timeoutSeconds));
    }

    private static SandboxResult run(LocalSandboxFactory sandboxes, String python, int timeoutSeconds) {
        return sandboxes.create(spec(python, timeoutSeconds)).run(() -> true).orElseThrow();
    }

    private static ExecutionResult completed(LocalSandboxFactory sandboxes, String python) {
        SandboxResult result = run(sandboxes, python, 10);
        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
        return result.result();
    }
}

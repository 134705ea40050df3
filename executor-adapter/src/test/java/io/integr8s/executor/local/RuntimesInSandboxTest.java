package io.integr8s.executor.local;

import io.integr8s.command.execution.api.Outcome;
import io.integr8s.executor.LiveOutput;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import io.integr8s.executor.runtime.InstalledRuntimes;
import io.integr8s.executor.runtime.RuntimeProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every default runtime installed here runs a script in a real sandbox under the default limits (128 MiB, 64
 * processes, 64 MiB /tmp, seccomp); go compiles into the run's /tmp with its own build cache. Live output arrives
 * while the script runs.
 */
class RuntimesInSandboxTest {

    private static final int UID = 61_060;
    private static final AtomicInteger ids = new AtomicInteger();
    private static final Map<String, String> HELLO = Map.of(
            "python", "print('hello from python')",
            "node", "console.log('hello from node')",
            "ruby", "puts 'hello from ruby'",
            "bash", "echo 'hello from bash'",
            "go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello from go\")\n}\n");

    record Chunk(String executionId, long atNanos, String stream, long offset, String text) {
    }

    private static final List<Chunk> chunks = new CopyOnWriteArrayList<>();
    private static InstalledRuntimes runtimes;
    private static LocalSandboxFactory factory;

    @BeforeAll
    static void sandboxes() {
        runtimes = new InstalledRuntimes(new RuntimeProperties(null));
        LiveOutput recorder = (executionId, stream, offset, text) ->
                chunks.add(new Chunk(executionId, System.nanoTime(), stream, offset, text));
        factory = LocalSandboxFactory.forThisMachine(SandboxTestSupport.properties(UID, 2)
                .withLimits(ResourceLimits.defaults()), runtimes, new SandboxActivity(), recorder);
    }

    @AfterAll
    static void cleanUp() {
        factory.staging().close();
    }

    private static SandboxResult run(String lang, String script, int timeoutSeconds) {
        String version = runtimes.installed().stream().filter(runtime -> runtime.lang().equals(lang)).findFirst()
                .orElseThrow().versions().get(0);
        SandboxSpec spec = new SandboxSpec("runtimes-" + ids.incrementAndGet(), script, lang, version,
                Duration.ofSeconds(timeoutSeconds));
        return factory.create(spec).run(() -> true).orElseThrow();
    }

    private static boolean installed(String lang) {
        return runtimes.registry().languages().containsKey(lang);
    }

    @Test
    void everyInstalledDefaultRuntimeSaysHello() {
        assertThat(runtimes.installed()).isNotEmpty();
        for (String lang : runtimes.registry().languages().keySet()) {
            SandboxResult result = run(lang, HELLO.get(lang), 20);
            assertThat(result.outcome()).as("%s: %s", lang, result).isEqualTo(Outcome.COMPLETED);
            assertThat(result.result().exitCode()).as("%s: %s", lang, result).isZero();
            assertThat(result.result().stdout()).isEqualTo("hello from " + lang + "\n");
        }
        assertThat(SandboxTestSupport.processesOf(UID)).isEmpty();
    }

    @Test
    void goBuildsInsideTheSandboxAndTheProgramsOwnExitCodeAndStderrComeBack() {
        assumeTrue(installed("go"), "go is not installed here");
        String program = """
                package main

                import (
                \t"fmt"
                \t"os"
                )

                func main() {
                \tfmt.Println(os.Getenv("GOCACHE"), os.Getenv("HOME"))
                \tfmt.Fprintln(os.Stderr, "bad")
                \tos.Exit(3)
                }
                """;
        SandboxResult result = run("go", program, 20);

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
        assertThat(result.result().exitCode()).isEqualTo(3);
        assertThat(result.result().stdout()).isEqualTo("/tmp/.integr8s-go/cache /tmp\n");
        assertThat(result.result().stderr()).isEqualTo("bad\n");
        assertThat(result.result().resourceUsage().peakMemoryKb()).as("cgroup peak, KiB").isLessThan(128L * 1024);
        System.out.printf("go build + run: cgroup peak %d KiB (page cache included), cpu %d µs, wall %.2f s%n",
                result.result().resourceUsage().peakMemoryKb(), result.result().resourceUsage().cpuTimeMicros(),
                result.result().resourceUsage().wallTimeSeconds());
    }

    @Test
    void aGoCompileErrorIsAScriptErrorWithTheCompilersMessage() {
        assumeTrue(installed("go"), "go is not installed here");
        SandboxResult result = run("go", "package main\n\nfunc main() {\n\tundefinedThing()\n}\n", 20);

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
        assertThat(result.result().exitCode()).as("go build's own exit code").isNotZero();
        assertThat(result.result().stderr()).contains("undefined: undefinedThing");
    }

    @Test
    void theFirstLineArrivesAsLiveOutputWhileTheScriptStillRuns() {
        AtomicLong endedAt = new AtomicLong();
        SandboxResult result = run("python", "import sys, time\nprint('first', flush=True)\ntime.sleep(1)\n"
                + "print('second')\nprint('oops', file=sys.stderr)", 10);
        endedAt.set(System.nanoTime());
        String id = "runtimes-" + ids.get();

        assertThat(result.result().stdout()).isEqualTo("first\nsecond\n");
        List<Chunk> mine = chunks.stream().filter(chunk -> chunk.executionId().equals(id)).toList();
        Chunk first = mine.stream().filter(chunk -> chunk.text().contains("first")).findFirst().orElseThrow();
        assertThat(first.stream()).isEqualTo("stdout");
        assertThat(first.offset()).isZero();
        assertThat(Duration.ofNanos(endedAt.get() - first.atNanos())).as("first line seen before the end")
                .isGreaterThan(Duration.ofMillis(700));
        // the rest follows within the rate limit (at most one chunk per 100 ms), possibly after the run ended; how the
        // bytes are cut into chunks depends on when the pipe is read (under load "first" and its newline may part)
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<Chunk> all = chunks.stream().filter(chunk -> chunk.executionId().equals(id)).toList();
            assertThat(streamed(all, "stdout")).isEqualTo("first\nsecond\n");
            assertThat(streamed(all, "stderr")).isEqualTo("oops\n");
        });
    }

    private static String streamed(List<Chunk> chunks, String stream) {
        return chunks.stream().filter(chunk -> chunk.stream().equals(stream)).map(Chunk::text)
                .collect(java.util.stream.Collectors.joining());
    }
}

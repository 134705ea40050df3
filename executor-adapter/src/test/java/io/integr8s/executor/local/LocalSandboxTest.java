package io.integr8s.executor.local;

import io.integr8s.command.execution.api.ErrorType;
import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import io.integr8s.executor.runtime.InstalledRuntimes;
import io.integr8s.executor.runtime.RuntimeDefinition;
import io.integr8s.executor.runtime.RuntimeProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sandbox against attacks and limits: real bubblewrap, real python, no mocks. */
class LocalSandboxTest {

    private static final int UID = 61_100; // clear of the default slots (uid-base 61000) used by the app tests
    private static final AtomicInteger ids = new AtomicInteger();
    private static LocalSandboxFactory factory;

    @BeforeAll
    static void sandboxes() {
        factory = SandboxTestSupport.factory(SandboxTestSupport.properties(UID, 2));
    }

    @AfterAll
    static void cleanUp() {
        factory.staging().close();
    }

    @Test
    void helloWorldCompletesWithItsOutput() {
        ExecutionResult result = completed(python("print('hello')"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("hello\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.errorType()).isNull();
        assertThat(result.stdoutTruncated()).isFalse();
        assertThat(result.resourceUsage().wallTimeSeconds()).isPositive();
        assertThat(result.resourceUsage().cpuTimeMicros()).as("measured by the cgroup").isPositive();
        assertThat(result.resourceUsage().peakMemoryKb()).isPositive();
        assertThat(result.message()).isNull();
    }

    @Test
    void anExceptionIsACompletedRunWithExitCodeOneAndTheTracebackOnStderr() {
        ExecutionResult result = completed(python("print('before')\nraise ValueError('boom')"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errorType()).isEqualTo(ErrorType.SCRIPT_ERROR);
        assertThat(result.stdout()).isEqualTo("before\n");
        assertThat(result.stderr()).contains("Traceback").contains("ValueError: boom");
    }

    @Test
    void theWallClockLimitStopsTheRun() {
        long start = System.nanoTime();
        SandboxResult result = run(python("import time\nprint('sleeping', flush=True)\ntime.sleep(60)"), 2);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.result().exitCode()).isEqualTo(-1);
        assertThat(result.result().errorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(result.result().message()).isEqualTo("wall-clock limit of 2 s exceeded");
        assertThat(result.result().stdout()).isEqualTo("sleeping\n");
        assertThat(seconds).isLessThan(5);
        assertThat(SandboxTestSupport.processesOf(UID)).isEmpty();
    }

    @Test
    void aTimeoutKillsTheWholeProcessTreeAlsoDaemonsThatIgnoreSigterm() {
        String script = """
                import os, signal, time
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                if os.fork() == 0:
                    if os.fork() == 0:
                        os.setsid()
                        os.execv('/bin/sleep', ['sleep', '1000'])
                    os._exit(0)
                if os.fork() == 0:
                    signal.signal(signal.SIGTERM, signal.SIG_IGN)
                    time.sleep(1000)
                print('forked', flush=True)
                time.sleep(1000)
                """;
        SandboxResult result = run(python(script), 2);

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.result().stdout()).isEqualTo("forked\n");
        assertThat(SandboxTestSupport.processesOf(UID)).isEmpty();
    }

    @Test
    void thereIsNoNetworkOnlyLoopback() {
        String script = """
                import socket
                for host, port in (('127.0.0.1', 80), ('1.1.1.1', 53), ('8.8.8.8', 443)):
                    try:  # the seccomp filter already refuses the AF_INET socket itself (EAFNOSUPPORT)
                        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                        s.settimeout(3)
                        s.connect((host, port))
                        print('connected', host)
                    except OSError as e:
                        print('refused', host)
                devices = [line.split(':')[0].strip() for line in open('/proc/net/dev').read().splitlines()[2:]]
                print('devices', devices)
                """;
        ExecutionResult result = completed(python(script));

        assertThat(result.stdout()).isEqualTo("""
                refused 127.0.0.1
                refused 1.1.1.1
                refused 8.8.8.8
                devices ['lo']
                """);
    }

    @Test
    void theRootFileSystemIsReadOnlyAndTmpIsWritable() {
        String script = """
                for path in ('/usr/x', '/etc/x', '/x', '/sandbox/x', '/bin/x', '/tmp/x'):
                    try:
                        open(path, 'w').write('x')
                        print('wrote', path)
                    except OSError as e:
                        print('denied', path)
                """;
        assertThat(completed(python(script)).stdout()).isEqualTo("""
                denied /usr/x
                denied /etc/x
                denied /x
                denied /sandbox/x
                denied /bin/x
                wrote /tmp/x
                """);
    }

    @Test
    void tmpIsPrivateToOneRun() {
        completed(python("open('/tmp/left-behind', 'w').write('secret')"));

        assertThat(completed(python("import os\nprint(os.path.exists('/tmp/left-behind'))")).stdout())
                .isEqualTo("False\n");
    }

    @Test
    void theScriptRunsAsTheNonRootSandboxUserWithoutCapabilities() {
        String script = """
                import os
                print(os.getuid(), os.geteuid(), os.getgid(), os.getgroups())
                print([l for l in open('/proc/self/status').read().splitlines() if l.startswith(('CapEff', 'NoNewPrivs'))])
                """;
        assertThat(completed(python(script)).stdout()).isEqualTo(UID + " " + UID + " " + UID + " []\n"
                + "['CapEff:\\t0000000000000000', 'NoNewPrivs:\\t1']\n");
    }

    @Test
    void hostFilesAreNotVisible() {
        String script = """
                import os
                print(sorted(os.listdir('/')))
                print([p for p in ('/root', '/work', '/home', '/etc/passwd', '/etc/shadow', '/proc/1/root/work') if os.path.exists(p)])
                """;
        String[] lines = completed(python(script)).stdout().split("\n");

        assertThat(lines[0]).isEqualTo("['bin', 'dev', 'etc', 'lib', 'lib64', 'proc', 'sandbox', 'sbin', 'tmp', 'usr']");
        assertThat(lines[1]).isEqualTo("[]");
    }

    @Test
    void theEnvironmentHoldsOnlyTheAllowList() {
        String keys = completed(python("import os\nprint(' '.join(sorted(os.environ)))")).stdout().strip();

        assertThat(Arrays.asList(keys.split(" "))).isSubsetOf(Set.of("PATH", "HOME", "LANG", "PWD"));
    }

    @Test
    void tooMuchOutputStopsTheRunAndKeepsWhatFitsWithAMarker() {
        SandboxResult result = run(python("while True:\n    print('x' * 1000)"), 30);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.result().errorType()).isEqualTo(ErrorType.RESOURCE_LIMIT);
        assertThat(result.result().stdoutTruncated()).isTrue();
        assertThat(result.result().stderrTruncated()).isFalse();
        assertThat(result.result().stdout())
                .startsWith("xxxx")
                .endsWith("\n[output truncated: stdout exceeded 1048576 bytes]")
                .hasSize(1_048_576 + "\n[output truncated: stdout exceeded 1048576 bytes]".length());
        assertThat(result.result().message()).contains("1048576 bytes to stdout");
        assertThat(SandboxTestSupport.processesOf(UID)).isEmpty();
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        assertThat(completed(python("import sys\nsys.stdout.buffer.write(b'ok \\xff\\xfe end')")).stdout())
                .isEqualTo("ok \uFFFD\uFFFD end");
    }

    @Test
    void stoppingARunKillsItQuicklyAndReportsNothing() throws Exception {
        LocalSandbox sandbox = factory.create(spec(python("while True:\n    pass"), 60));
        CompletableFuture<Optional<SandboxResult>> run = CompletableFuture.supplyAsync(() -> sandbox.run(() -> true));
        await().atMost(Duration.ofSeconds(5)).until(sandbox::isRunning);

        long start = System.nanoTime();
        sandbox.stop();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(seconds).isLessThan(2);
        assertThat(run.get(2, TimeUnit.SECONDS)).isEmpty();
        assertThat(SandboxTestSupport.processesOf(UID)).isEmpty();
    }

    @Test
    void otherRuntimesRunToo() {
        assertThat(completed(new Script("node", "20", "console.log('hi from node')")).stdout()).isEqualTo("hi from node\n");
        assertThat(completed(new Script("bash", "5.2", "echo \"hi from $0\"; exit 3")).stdout())
                .isEqualTo("hi from /sandbox/main.sh\n");
    }

    @Test
    void aMissingBubblewrapIsASystemErrorThatSaysWhatToInstall() {
        LocalExecutorProperties defaults = SandboxTestSupport.properties(UID, 1);
        LocalSandboxFactory broken = SandboxTestSupport.factory(new LocalExecutorProperties(Path.of("/nonexistent/bwrap"),
                defaults.setpriv(), UID, UID, defaults.outputLimit(), defaults.tmpfsSize(), 1, defaults.stagingDir()));
        try {
            SandboxResult result = broken.create(spec(python("print(1)"), 5)).run(() -> true).orElseThrow();

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.result().errorType()).isEqualTo(ErrorType.SYSTEM_ERROR);
            assertThat(result.result().message()).contains("apt-get install bubblewrap");
        } finally {
            broken.staging().close();
        }
    }

    @Test
    void insideTheSandboxNoMountAndNoCommandLineNamesTheHostStagingTheExecutorOrTheExecution() {
        String id = "probe-" + java.util.UUID.randomUUID();
        SandboxResult result = factory.create(new SandboxSpec(id, """
                import os
                print(open('/proc/self/mountinfo').read())
                for pid in os.listdir('/proc'):
                    if pid.isdigit():
                        print(open(f'/proc/{pid}/cmdline').read().replace('\\0', ' '))
                print(os.listdir('/sandbox'))
                """, "python", "3.11", Duration.ofSeconds(10))).run(() -> true).orElseThrow();

        String seen = result.result().stdout();
        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
        assertThat(seen).contains("/sandbox/main.py", "['main.py']");
        assertThat(seen).doesNotContain(id, "staging", SandboxTestSupport.STAGING.toString(),
                factory.staging().base().toString(), System.getProperty("user.dir"));
        assertThat(seen).doesNotContainPattern("(?<![0-9])" + ProcessHandle.current().pid() + "(?![0-9])");
    }

    @Test
    void aScriptThatImitatesTheSetUpToolsMessagesIsAScriptErrorWithItsOutputIntact() {
        for (var impostor : java.util.Map.of(
                "bwrap: Can't find source path /x: No such file or directory", 1,
                "integr8s-supervisor: cannot join the cgroup /sys/fs/cgroup/x", 125,
                "integr8s-sandbox: cannot open the seccomp filter /x", 1,
                "setpriv: setresuid failed", 1).entrySet()) {
            SandboxResult result = run(python("import sys\nsys.stderr.write(\"" + impostor.getKey() + "\\n\")\n"
                    + "print('out')\nsys.exit(" + impostor.getValue() + ")"), 10);

            assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
            assertThat(result.result().exitCode()).isEqualTo(impostor.getValue());
            assertThat(result.result().errorType()).isEqualTo(ErrorType.SCRIPT_ERROR);
            assertThat(result.result().stderr()).isEqualTo(impostor.getKey() + "\n");
            assertThat(result.result().stdout()).isEqualTo("out\n");
            assertThat(result.result().message()).isNull();
        }
    }

    @Test
    void aSandboxThatCannotStartItsCommandIsASystemErrorDecidedByBwrapsStatus() {
        RuntimeDefinition python = new RuntimeProperties(null).languages().get(0);
        // the interpreter exists on the host, but the command names a binary bwrap cannot execute
        RuntimeDefinition broken = new RuntimeDefinition("python", python.versions(), "py", python.interpreter(),
                java.util.List.of("/usr/bin/no-such-interpreter", RuntimeDefinition.SCRIPT), python.versionCommand(),
                java.util.List.of());
        LocalSandboxFactory sandboxes = LocalSandboxFactory.forThisMachine(SandboxTestSupport.properties(UID, 1),
                new InstalledRuntimes(new RuntimeProperties(java.util.List.of(broken))), new SandboxActivity());
        // and a supervisor chain that fails before bwrap, saying nothing
        LocalExecutorProperties defaults = SandboxTestSupport.properties(UID, 1);
        LocalSandboxFactory silent = SandboxTestSupport.factory(new LocalExecutorProperties(defaults.bwrap(),
                Path.of("/bin/false"), UID, UID, defaults.outputLimit(), defaults.tmpfsSize(), 1, defaults.stagingDir()));
        try {
            SandboxResult notFound = sandboxes.create(spec(python("print(1)"), 5)).run(() -> true).orElseThrow();
            SandboxResult failedEarly = silent.create(spec(python("print(1)"), 5)).run(() -> true).orElseThrow();

            assertThat(notFound.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(notFound.result().errorType()).isEqualTo(ErrorType.SYSTEM_ERROR);
            assertThat(notFound.result().message())
                    .startsWith("The sandbox could not start: bwrap: execvp /usr/bin/no-such-interpreter");
            assertThat(failedEarly.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(failedEarly.result().errorType()).isEqualTo(ErrorType.SYSTEM_ERROR);
            assertThat(failedEarly.result().message())
                    .isEqualTo("The sandbox could not start: it exited with code 1 before the script started");
        } finally {
            sandboxes.staging().close();
            silent.staging().close();
        }
    }

    @Test
    void anUnknownRuntimeIsASystemError() {
        SandboxResult result = run(new Script("cobol", "85", "DISPLAY 'HI'."), 5);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.result().errorType()).isEqualTo(ErrorType.SYSTEM_ERROR);
        assertThat(result.result().message()).contains("no runtime for cobol 85");
    }

    @Test
    void theStagedScriptIsRemovedAfterTheRun() {
        completed(python("print(1)"));

        assertThat(factory.staging().base().toFile().list()).isEmpty();
    }

    private record Script(String lang, String version, String code) {
    }

    private static Script python(String code) {
        return new Script("python", "3.11", code);
    }

    private static SandboxSpec spec(Script script, int timeoutSeconds) {
        return new SandboxSpec("test-" + ids.incrementAndGet(), script.code(), script.lang(), script.version(),
                Duration.ofSeconds(timeoutSeconds));
    }

    private static SandboxResult run(Script script, int timeoutSeconds) {
        return factory.create(spec(script, timeoutSeconds)).run(() -> true).orElseThrow();
    }

    private static ExecutionResult completed(Script script) {
        SandboxResult result = run(script, 10);
        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
        return result.result();
    }
}

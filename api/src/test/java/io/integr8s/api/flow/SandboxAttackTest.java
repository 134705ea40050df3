package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Untrusted code attacking the sandbox through the public API. Every attack must end in its stated outcome and
 * leave the host clean: no process of a sandbox uid survives and no per-run cgroup is left behind.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.coordinator.max-concurrent=2",
                "integr8s.execution.timeout-seconds=4",
                "integr8s.executor.local.limits.cpu-time=1s"})
class SandboxAttackTest {

    static {
        TestHome.fresh("sandbox-attacks");
    }

    private static final Duration RUN = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Value("${spring.datasource.url}")
    String jdbcUrl;

    @Value("${axon.kafka.bootstrap-servers}")
    String kafka;

    @Value("${spring.data.redis.port}")
    int redisPort;

    @Value("${integr8s.home}")
    Path home;

    private JsonNode run(String script) {
        ApiClient api = ApiClient.as(port, "user", "user123");
        String id = api.submit(script);
        return api.awaitStatus(id, RUN, "completed", "failed", "timeout", "cancelled", "error");
    }

    private static void assertLimit(JsonNode result, String message) {
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("failed");
        assertThat(result.get("error_type").asText()).isEqualTo("resource_limit");
        assertThat(result.get("message").asText()).contains(message);
    }

    private static void assertCompletedWith(JsonNode result, String stdout) {
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        assertThat(result.get("stdout").asText()).isEqualTo(stdout);
    }

    @AfterEach
    void hostIsClean() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(HostProcesses.ownedByUids(61000, 62000)).as("processes of sandbox uids").isEmpty();
            assertThat(leftoverCgroups()).as("per-run cgroups").isEmpty();
        });
    }

    @Test
    void forkBombHitsTheProcessLimit() {
        JsonNode result = run("""
                import os
                while True:
                    try:
                        os.fork()
                    except OSError:
                        pass
                """);
        assertThat(result.get("status").asText()).isIn("failed", "timeout");
        assertThat(result.get("error_type").asText()).isIn("resource_limit", "timeout");
        if ("failed".equals(result.get("status").asText())) {
            assertThat(result.get("message").asText()).contains("process limit of 64 exceeded");
        }
    }

    @Test
    void memoryBombHitsTheMemoryLimit() {
        assertLimit(run("blob = bytearray(1024 * 1024 * 1024)\nprint(len(blob))"), "memory limit of 128 MiB exceeded");
    }

    @Test
    void cpuSpinHitsTheCpuTimeLimit() {
        assertLimit(run("while True:\n    pass"), "CPU time limit");
    }

    @Test
    void runawayOutputIsCutAtTheCapAndMarked() {
        JsonNode result = run("while True:\n    print('x' * 1000)");
        assertLimit(result, "output");
        assertThat(result.get("stdout_truncated").asBoolean()).isTrue();
        assertThat(result.get("stdout").asText()).contains("[output truncated");
    }

    @Test
    void fillingTmpHitsTheTmpDiskLimit() {
        assertLimit(run("""
                with open('/tmp/fill', 'wb') as f:
                    while True:
                        f.write(b'0' * 1024 * 1024)
                """), "tmp disk limit");
    }

    @Test
    void nothingOutsideTmpIsWritable() {
        assertCompletedWith(run("""
                for path in ['/usr/x', '/etc/x', '/sandbox/x', '/x', '/proc/x', '/dev/x', '/sys/x']:
                    try:
                        open(path, 'w').write('x')
                        print('WROTE', path)
                    except OSError:
                        pass
                print('done')
                """), "done\n");
    }

    @Test
    void thePlatformsOwnPortsAndTheOutsideAreUnreachable() {
        int postgresPort = URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
        int kafkaPort = Integer.parseInt(kafka.substring(kafka.lastIndexOf(':') + 1));
        assertCompletedWith(run("""
                import socket
                reached = []
                for host, port in [('127.0.0.1', %d), ('127.0.0.1', %d), ('127.0.0.1', %d), ('127.0.0.1', %d),
                                   ('1.1.1.1', 443), ('8.8.8.8', 53)]:
                    try:
                        socket.create_connection((host, port), timeout=1).close()
                        reached.append((host, port))
                    except OSError:
                        pass
                print(reached)
                """.formatted(postgresPort, kafkaPort, redisPort, port)), "[]\n");
    }

    @Test
    void dnsLookupsFail() {
        assertCompletedWith(run("""
                import socket
                try:
                    print(socket.gethostbyname('example.com'))
                except OSError:
                    print('no dns')
                """), "no dns\n");
    }

    @Test
    void secretsAndHostFilesCannotBeRead() {
        String homePath = home.toAbsolutePath().toString();
        assertCompletedWith(run("""
                readable = []
                for path in ['/etc/shadow', '/etc/passwd', '/root/.m2/settings.xml',
                             '%s/runtime.properties', '%s/postgres/postgresql.conf', '%s']:
                    try:
                        with open(path) as f:
                            f.read(1)
                        readable.append(path)
                    except OSError:
                        pass
                print(readable)
                """.formatted(homePath, homePath, Path.of("pom.xml").toAbsolutePath())), "[]\n");
    }

    @Test
    void theEnvironmentHoldsNoSecret() {
        // the sandbox's own pid 1 (bubblewrap's init) is the only process 1 it can see; its environment is as empty
        JsonNode result = run("""
                import os
                for key in sorted(os.environ): print(key + '=' + os.environ[key])
                for entry in open('/proc/1/environ').read().split('\\0'):
                    if entry: print(entry)
                """);
        assertThat(result.get("status").asText()).isEqualTo("completed");
        String env = result.get("stdout").asText();
        assertThat(env.lines().map(line -> line.substring(0, line.indexOf('='))))
                .allMatch(key -> List.of("PATH", "HOME", "LANG", "PWD").contains(key));
        assertThat(env).doesNotContainIgnoringCase("password").doesNotContain("jdbc:").doesNotContain("INTEGR8S");
    }

    @Test
    void theSupervisorCanBeNeitherSignalledNorTraced() {
        long jvm = ProcessHandle.current().pid();
        assertCompletedWith(run("""
                import ctypes, os, signal
                results = []
                try:
                    os.kill(%d, signal.SIGKILL)
                    results.append('signalled')
                except OSError:
                    pass
                libc = ctypes.CDLL(None, use_errno=True)
                if libc.ptrace(16, %d, 0, 0) == 0:
                    results.append('attached')
                print(results)
                """.formatted(jvm, jvm)), "[]\n");
    }

    @Test
    void filesLeftInTmpOrShmAreGoneForTheNextRun() {
        run("open('/tmp/left-behind', 'w').write('x')\nimport os\ntry:\n    open('/dev/shm/left-behind', 'w').write('x')\nexcept OSError:\n    pass");
        assertCompletedWith(run("""
                import os
                found = [p for p in ['/tmp/left-behind', '/dev/shm/left-behind'] if os.path.exists(p)]
                print(found)
                """), "[]\n");
    }

    @Test
    void plantedSymlinksChangeNothingOnTheHost() throws IOException {
        run("""
                import os
                for name, target in [('/tmp/main.py', '/etc/passwd'), ('/tmp/result', '/etc/shadow'), ('/tmp/root', '/')]:
                    os.symlink(target, name)
                print('planted')
                """);
        assertCompletedWith(run("print('next run is fine')"), "next run is fine\n");
        assertThat(Files.readString(Path.of("/etc/passwd"))).contains("root:");
    }

    @Test
    void aDaemonizedGrandchildDoesNotSurviveTheRun() {
        JsonNode result = run("""
                import os, time
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        time.sleep(600)
                    os._exit(0)
                print('parent done')
                """);
        assertCompletedWith(result, "parent done\n");
    }

    @Test
    void tenThousandOpenFilesAreRefusedGracefully() {
        assertCompletedWith(run("""
                import errno
                files = []
                try:
                    for i in range(10000):
                        files.append(open('/dev/null'))
                    print('opened all')
                except OSError as e:
                    print('refused' if e.errno == errno.EMFILE else 'other')
                """), "refused\n");
    }

    @Test
    void twoConcurrentRunsCannotSeeEachOther() {
        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> run("""
                import time
                open('/tmp/secret-of-first', 'w').write('mine')
                time.sleep(1.5)
                print('first')
                """));
        JsonNode second = run("""
                import os, time
                time.sleep(0.5)
                pids = [p for p in os.listdir('/proc') if p.isdigit()]
                print(os.path.exists('/tmp/secret-of-first'), len(pids) <= 3)
                """);
        assertCompletedWith(second, "False True\n");
        assertCompletedWith(first.join(), "first\n");
    }

    @Test
    void aFiftyThousandCharacterScriptRuns() {
        String padding = "#" + "x".repeat(49_000) + "\n";
        String script = padding + "print('big')\n";
        script = script + "#".repeat(50_000 - script.length());
        assertThat(script).hasSize(50_000);
        assertCompletedWith(run(script), "big\n");
    }

    @Test
    void nonUtf8OutputIsReplacedNotLost() {
        JsonNode result = run("import sys\nsys.stdout.buffer.write(b'ok \\xff\\xfe end\\n')");
        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(result.get("stdout").asText()).isEqualTo("ok \uFFFD\uFFFD end\n");
    }

    private static List<Path> leftoverCgroups() throws IOException {
        List<Path> roots = List.of(Path.of("/sys/fs/cgroup/memory/integr8s"), Path.of("/sys/fs/cgroup/pids/integr8s"),
                Path.of("/sys/fs/cgroup/integr8s"));
        List<Path> left = new java.util.ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> children = Files.list(root)) {
                    children.filter(Files::isDirectory).forEach(left::add);
                }
            }
        }
        return left;
    }
}

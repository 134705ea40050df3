package io.integr8s.api.flow;

import io.integr8s.api.Integr8sApplication;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * An instance in its own JVM sharing the first instance's stores, so that it can get a real SIGTERM. Its output goes
 * to {@code <home>/<name>.log}.
 */
final class InstanceProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;

    private InstanceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static InstanceProcess start(Environment first, String name, String... properties) {
        int port = freePort();
        Path log = Path.of(first.getRequiredProperty("integr8s.home")).resolve(name + ".log");
        try {
            Process process = launch(SecondInstance.arguments(first, name, port, properties), log);
            InstanceProcess instance = new InstanceProcess(process, port, log);
            await().atMost(START).pollInterval(Duration.ofMillis(500))
                    .failFast("the instance process exited; see " + log, () -> !process.isAlive())
                    .until(instance::isLive);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application in a new JVM with these command-line arguments, its output to {@code log}; not awaited. */
    static Process launch(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Integr8sApplication.class.getName()));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGTERM, as Kubernetes and systemd stop a process. */
    void terminate() {
        process.destroy();
    }

    boolean awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean isLive() {
        return isLive(port);
    }

    /** Whether an instance answers its liveness probe on this loopback port. */
    static boolean isLive(int port) {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health/live"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

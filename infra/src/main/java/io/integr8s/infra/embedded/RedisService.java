package io.integr8s.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * redis-server bound to 127.0.0.1, working directory {@code <home>/redis}: the system's {@code /usr/bin/redis-server}
 * (Debian's, installed by bin/setup-os) when present, otherwise the binary packed in the embedded-redis jar.
 */
final class RedisService implements EmbeddedService {

    private static final String HOST = "127.0.0.1";
    private static final Path SYSTEM_REDIS = Path.of("/usr/bin/redis-server");

    private final Path workingDirectory;
    private RedisServer server;
    private int port;

    RedisService(Path home) {
        this.workingDirectory = home.resolve("redis");
    }

    @Override
    public String name() {
        return "Redis";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(workingDirectory);
        Path pidFile = workingDirectory.resolve("redis.pid");
        OrphanProcess.stopIfRunning(pidFile, "redis-server");
        port = FreePort.find();
        server = RedisServer.newRedisServer()
                .executableProvider(executable())
                .bind(HOST)
                .port(port)
                .setting("dir " + workingDirectory.toAbsolutePath())
                .setting("appendonly no")
                .setting("pidfile " + pidFile.toAbsolutePath())
                .build();
        startRetryingBusyExecutable();
    }

    private static ExecutableProvider executable() {
        return Files.isExecutable(SYSTEM_REDIS)
                ? () -> SYSTEM_REDIS.toFile()
                : ExecutableProvider.newJarResourceProvider();
    }

    /**
     * A binary just extracted from the jar can fail to exec with "Text file busy" while another thread of this JVM
     * forks (the other embedded services start in parallel) and briefly holds the written file open.
     */
    private void startRetryingBusyExecutable() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                server.start();
                return;
            } catch (IOException e) {
                if (attempt == 5 || !String.valueOf(rootCause(e).getMessage()).contains("Text file busy")) {
                    throw e;
                }
                Thread.sleep(100L * attempt);
            }
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of(
                "spring.data.redis.host", HOST,
                "spring.data.redis.port", Integer.toString(port));
    }

    @Override
    public void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}

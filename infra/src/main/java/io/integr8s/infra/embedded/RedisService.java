package io.integr8s.infra.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import redis.embedded.RedisServer;

/** redis-server from the embedded-redis jar, bound to 127.0.0.1, working directory {@code <home>/redis}. */
final class RedisService implements EmbeddedService {

    private static final String HOST = "127.0.0.1";

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
                .bind(HOST)
                .port(port)
                .setting("dir " + workingDirectory.toAbsolutePath())
                .setting("appendonly no")
                .setting("pidfile " + pidFile.toAbsolutePath())
                .build();
        server.start();
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

package io.integr8s.infra.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * redis-server bound to 127.0.0.1, working directory {@code <home>/redis}: the system's {@code /usr/bin/redis-server}
 * (Debian's, installed by bin/setup-os) when present, otherwise the binary packed in the embedded-redis jar. Clients
 * need the password in {@code <home>/secrets/redis}; the commands that reconfigure the server, write its files
 * elsewhere, load code or replicate it are renamed away, even for them. Its configuration (with the password) is
 * {@code <home>/redis/redis.conf}, 0600. The stack stops the server by signal, so SHUTDOWN goes too.
 */
final class RedisService implements EmbeddedService {

    private static final String HOST = "127.0.0.1";
    private static final Path SYSTEM_REDIS = Path.of("/usr/bin/redis-server");

    static final String SECRET = "redis";
    private static final List<String> DISABLED_COMMANDS = List.of("CONFIG", "MODULE", "DEBUG", "SLAVEOF", "REPLICAOF",
            "SYNC", "PSYNC", "MIGRATE", "ACL", "SHUTDOWN");

    private final Path workingDirectory;
    private final HomeSecrets secrets;
    private RedisServer server;
    private int port;
    private String password;

    RedisService(Path home, HomeSecrets secrets) {
        this.workingDirectory = home.resolve("redis");
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "Redis";
    }

    @Override
    public void start() throws Exception {
        PrivateFiles.directory(workingDirectory);
        Path pidFile = workingDirectory.resolve("redis.pid");
        OrphanProcess.stopIfRunning(pidFile, "redis-server");
        password = secrets.get(SECRET);
        port = FreePort.find();
        Path configuration = workingDirectory.resolve("redis.conf");
        PrivateFiles.write(configuration, configuration(pidFile).getBytes(StandardCharsets.US_ASCII));
        server = new RedisServer(port, List.of(executable().get().getAbsolutePath(), configuration.toString()), false);
        startRetryingBusyExecutable();
    }

    private String configuration(Path pidFile) {
        StringBuilder lines = new StringBuilder()
                .append("bind ").append(HOST).append('\n')
                .append("port ").append(port).append('\n')
                .append("protected-mode yes\n")
                .append("requirepass ").append(password).append('\n')
                .append("dir ").append(workingDirectory.toAbsolutePath()).append('\n')
                .append("pidfile ").append(pidFile.toAbsolutePath()).append('\n')
                // every write reaches the append-only file before its reply (so a kill -9 loses no idempotency claim,
                // lockout or rate-limit counter); fsync once a second covers a machine crash up to that second
                .append("appendonly yes\n")
                .append("appendfsync everysec\n");
        DISABLED_COMMANDS.forEach(command -> lines.append("rename-command ").append(command).append(" \"\"\n"));
        return lines.toString();
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
                "spring.data.redis.port", Integer.toString(port),
                "spring.data.redis.password", password);
    }

    @Override
    public void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}

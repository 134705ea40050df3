package io.integr8s.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM killed with -9 leaves its PostgreSQL and redis-server running. Whoever holds the home lock owns the home,
 * so a server still named in a pid file there is an orphan of a dead process: stop it before starting a new one.
 */
final class OrphanProcess {

    private OrphanProcess() {
    }

    static void stopIfRunning(Path pidFile, String commandFragment) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!firstLine.matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(firstLine))
                .filter(p -> p.info().command().map(c -> c.contains(commandFragment)).orElse(false));
        if (orphan.isPresent()) {
            ProcessHandle process = orphan.get();
            process.destroy(); // SIGTERM: a clean shutdown for both servers
            try {
                process.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }
}

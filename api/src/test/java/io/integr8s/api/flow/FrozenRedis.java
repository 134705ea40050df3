package io.integr8s.api.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded stack's redis-server stopped with SIGSTOP, resumed with SIGCONT on {@link #close()}: to clients it is
 * gone (connections stay open but nothing answers, the worst case for a caller that waits), and it comes back with
 * its data, so the test can also see the app recover.
 */
final class FrozenRedis implements AutoCloseable {

    private final String pid;

    private FrozenRedis(String pid) {
        this.pid = pid;
    }

    /** Freezes the redis-server of the embedded stack in {@code home} (its pid file is {@code <home>/redis/redis.pid}). */
    static FrozenRedis freeze(Path home) {
        Path pidFile = home.resolve("redis").resolve("redis.pid");
        try {
            FrozenRedis frozen = new FrozenRedis(Files.readString(pidFile).trim());
            frozen.signal("-STOP");
            return frozen;
        } catch (IOException e) {
            throw new UncheckedIOException("No running embedded Redis in " + home + " (" + pidFile + " unreadable)", e);
        }
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, pid).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling redis-server " + pid, e);
        }
    }

    @Override
    public void close() {
        signal("-CONT");
    }
}

package io.integr8s.executor.local;

import io.integr8s.executor.SandboxSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One marker file per sandbox this process may be running, under {@code <integr8s.home>/sandboxes}. A marker that
 * is already there when the process starts belongs to a run that died with the previous process. The directory is
 * created 0700: the execution ids in it are nobody else's business.
 */
final class SandboxJournal {

    private final Path dir;
    private final Set<String> leftovers;

    SandboxJournal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.getParent());
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            try (Stream<Path> files = Files.list(dir)) {
                this.leftovers = files.map(file -> file.getFileName().toString()).collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the sandbox journal " + dir + ": " + e.getMessage()
                    + ". Make integr8s.home (INTEGR8S_HOME) point to a writable directory", e);
        }
    }

    /** Markers found at start: runs of the previous process. They stay refused for this process's lifetime. */
    Set<String> leftovers() {
        return leftovers;
    }

    boolean isLeftover(String executionId) {
        return leftovers.contains(executionId);
    }

    void record(String executionId) {
        try {
            Files.writeString(marker(executionId), "pid " + ProcessHandle.current().pid() + " at " + Instant.now() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sandbox journal marker for " + executionId + " in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    void remove(String executionId) {
        try {
            Files.deleteIfExists(marker(executionId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the sandbox journal marker for " + executionId + " in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private Path marker(String executionId) {
        return dir.resolve(SandboxSpec.requireSafeId(executionId));
    }
}

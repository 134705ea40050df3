package io.integr8s.executor.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One file per sandbox this process may be running, under {@code <integr8s.home>/sandboxes}: a marker while it runs,
 * its result (JSON) once it finished and until the result was reported. A file that is already there when the
 * process starts belongs to a run of the previous process: finished, with its result, or lost. The directory is
 * created 0700 and every file 0600: the execution ids and outputs in it are nobody else's business.
 */
final class SandboxJournal {

    private static final String TEMPORARY = ".writing-";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final ObjectMapper JSON = JsonMapper.builder().build();

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
                this.leftovers = files.map(file -> file.getFileName().toString())
                        .filter(name -> !name.startsWith(TEMPORARY))
                        .collect(Collectors.toUnmodifiableSet());
            }
            // half-written by the previous process: the entry it was to replace is still there
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(file -> file.getFileName().toString().startsWith(TEMPORARY)).toList()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the sandbox journal " + dir + ": " + e.getMessage()
                    + ". Make integr8s.home (INTEGR8S_HOME) point to a writable directory", e);
        }
    }

    /** Files found at start: runs of the previous process. They stay refused for this process's lifetime. */
    Set<String> leftovers() {
        return leftovers;
    }

    boolean isLeftover(String executionId) {
        return leftovers.contains(executionId);
    }

    void record(String executionId) {
        write(executionId, "pid " + ProcessHandle.current().pid() + " at " + Instant.now() + "\n");
    }

    /**
     * Replaces the run's marker with its result, atomically and on disk (a rename after a sync), so that a restart
     * before the result was reported finds either the marker or the whole result.
     */
    void recordResult(String executionId, SandboxResult result) {
        try {
            write(executionId, JSON.writeValueAsString(result));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the result of " + executionId + " to the sandbox journal", e);
        }
    }

    /** The result a leftover run had finished with, if it finished before the previous process stopped. */
    Optional<SandboxResult> result(String executionId) {
        try {
            String content = Files.readString(file(executionId));
            return content.startsWith("{") ? Optional.of(JSON.readValue(content, SandboxResult.class)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sandbox journal entry of " + executionId + " in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    void remove(String executionId) {
        try {
            Files.deleteIfExists(file(executionId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the sandbox journal marker for " + executionId + " in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private void write(String executionId, String content) {
        Path target = file(executionId);
        Path temporary = dir.resolve(TEMPORARY + target.getFileName());
        try {
            Files.deleteIfExists(temporary);
            try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), OWNER_ONLY)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sandbox journal entry for " + executionId + " in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private Path file(String executionId) {
        return dir.resolve(SandboxSpec.requireSafeId(executionId));
    }
}

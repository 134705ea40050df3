package io.integr8s.executor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Puts each script in its own directory that only the executor can write and only the sandbox's group can read;
 * the sandbox mounts the file read-only. The base directory can be traversed but not listed by others.
 */
final class ScriptStaging {

    private static final Set<PosixFilePermission> BASE = PosixFilePermissions.fromString("rwx--x--x");
    private static final String STAGING_PREFIX = "integr8s-staging-";
    private static final Pattern STAGING_NAME = Pattern.compile(Pattern.quote(STAGING_PREFIX) + "(\\d{1,10})-\\d+");

    private final Path base;
    private final boolean ownsBase;
    private final SandboxUser user;

    private ScriptStaging(Path base, boolean ownsBase, SandboxUser user) {
        this.base = base;
        this.ownsBase = ownsBase;
        this.user = user;
    }

    /** @param configured a directory to use, or null for a fresh one under the system temp dir (removed on close) */
    static ScriptStaging open(Path configured, SandboxUser user) {
        try {
            if (configured == null) {
                Path temp = Path.of(System.getProperty("java.io.tmpdir"));
                removeLeftoversOfDeadExecutors(temp);
                Path fresh = Files.createTempDirectory(temp, STAGING_PREFIX + ProcessHandle.current().pid() + "-");
                Files.setPosixFilePermissions(fresh, BASE);
                return new ScriptStaging(fresh, true, user);
            }
            Files.createDirectories(configured);
            requireOwnedAndPrivate(configured);
            Files.setPosixFilePermissions(configured, BASE);
            return new ScriptStaging(configured.toRealPath(), false, user);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the script staging directory " + configured + ": "
                    + e.getMessage() + ". Set integr8s.executor.local.staging-dir to a writable directory", e);
        }
    }

    /**
     * A crashed executor cannot remove its staging directory (scripts of past runs): the next start does, for every
     * one whose executor process is gone. Directory names carry the owning executor's pid for that.
     */
    private static void removeLeftoversOfDeadExecutors(Path temp) throws IOException {
        try (Stream<Path> candidates = Files.list(temp)) {
            for (Path dir : candidates.toList()) {
                Matcher name = STAGING_NAME.matcher(dir.getFileName().toString());
                boolean ownerGone = name.matches()
                        && !ProcessHandle.of(Long.parseLong(name.group(1))).map(ProcessHandle::isAlive).orElse(false);
                if (ownerGone && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(dir);
                }
            }
        }
    }

    Path base() {
        return base;
    }

    /** Writes the script as {@code main.<extension>} in a new private directory. */
    Staged stage(String executionId, String script, String extension) throws IOException {
        return stage(executionId, script, extension, user);
    }

    /** As {@link #stage(String, String, String)}, readable by {@code user}'s group only (the run's slot). */
    Staged stage(String executionId, String script, String extension, SandboxUser user) throws IOException {
        Path dir = Files.createTempDirectory(base, executionId + "-");
        Path file = dir.resolve("main." + extension);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        if (user.switchFromRoot()) {
            Files.setAttribute(dir, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(file, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        } else {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        }
        return new Staged(dir, file);
    }

    /** Removes the base directory if this staging created it. */
    void close() {
        if (ownsBase) {
            deleteTree(base);
        }
    }

    private static void requireOwnedAndPrivate(Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!attributes.isDirectory() || owner != self
                || attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " must be a real directory owned by uid " + self
                    + " and writable by it alone (another user could swap the scripts)");
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + root + ": " + e.getMessage(), e);
        }
    }

    /** One staged script; {@link #delete()} is idempotent. */
    record Staged(Path dir, Path file) {
        void delete() {
            deleteTree(dir);
        }
    }
}

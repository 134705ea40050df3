package io.integr8s.executor.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts each script in its own directory that only the executor can read and write:
 * {@code <staging-dir>/<executor pid>-<n>/run-<m>/main.<ext>} plus the run's {@code status} file, everything
 * {@code rwx------}/{@code rw-------}. The sandbox never opens these paths: the executor-side shell opens them as fds
 * before dropping root ({@link SandboxFds}), and bwrap copies the script into the sandbox from its fd. The default
 * staging directory is {@code <integr8s.home>/staging}; nothing lives in a shared directory like /tmp.
 *
 * <p>Deletion never follows a symbolic link: trees are removed relative to opened directories
 * ({@link SecureDirectoryStream}: {@code openat(O_NOFOLLOW)} / {@code unlinkat}), a link is removed as a link, and a
 * directory swapped for a link during the walk is not entered.
 */
final class ScriptStaging {

    private static final Logger log = LoggerFactory.getLogger(ScriptStaging.class);
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Pattern PROCESS_DIR = Pattern.compile("(\\d{1,10})-\\d+");
    static final String STATUS_FILE = "status";

    /** This executor process's directory, below the staging directory. */
    private final Path base;

    private ScriptStaging(Path base) {
        this.base = base;
    }

    /**
     * Prepares {@code stagingDir} (created if missing; must be a real directory owned by this process's uid and
     * writable by it alone; made {@code rwx------}), removes what executors that are gone left in it, and creates
     * this process's own directory there (removed by {@link #close()}).
     */
    static ScriptStaging open(Path stagingDir) {
        Objects.requireNonNull(stagingDir, "integr8s.executor.local.staging-dir is not set");
        try {
            Files.createDirectories(stagingDir);
            requireOwnedAndPrivate(stagingDir);
            Files.setPosixFilePermissions(stagingDir, PRIVATE_DIR);
            Path real = stagingDir.toRealPath();
            removeLeftoversOfDeadExecutors(real);
            Path own = Files.createTempDirectory(real, ProcessHandle.current().pid() + "-");
            Files.setPosixFilePermissions(own, PRIVATE_DIR);
            return new ScriptStaging(own);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the script staging directory " + stagingDir + ": "
                    + e.getMessage() + ". Set integr8s.executor.local.staging-dir (default <integr8s.home>/staging) "
                    + "to a directory the executor owns", e);
        }
    }

    /**
     * A crashed executor cannot remove its staging directory (scripts of past runs): the next start does, for every
     * one whose executor process is gone. Directory names carry the owning executor's pid for that.
     */
    private static void removeLeftoversOfDeadExecutors(Path stagingDir) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(stagingDir)) {
            for (Path entry : entries) {
                Matcher name = PROCESS_DIR.matcher(entry.getFileName().toString());
                if (name.matches()
                        && !ProcessHandle.of(Long.parseLong(name.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    leftovers.add(entry);
                }
            }
        }
        for (Path leftover : leftovers) {
            try {
                deleteTree(leftover);
            } catch (UncheckedIOException e) {
                log.warn("Could not remove the staging directory {} of an executor that is gone: {}", leftover,
                        e.getMessage());
            }
        }
    }

    Path base() {
        return base;
    }

    /** Writes the script as {@code main.<extension>} and an empty status file in a new private directory. */
    Staged stage(String script, String extension) throws IOException {
        Path dir = Files.createTempDirectory(base, "run-");
        Files.setPosixFilePermissions(dir, PRIVATE_DIR);
        Path file = dir.resolve("main." + extension);
        Path status = dir.resolve(STATUS_FILE);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.createFile(status, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        return new Staged(dir, file, status);
    }

    /** Removes this process's directory. */
    void close() {
        deleteTree(base);
    }

    private static void requireOwnedAndPrivate(Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!attributes.isDirectory() || owner != self
                || attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " must be a real directory (not a link) owned by uid " + self
                    + " and writable by it alone (another user could swap the scripts)");
        }
    }

    /**
     * Removes {@code root} and everything below it without following any symbolic link: {@code root}'s parent is
     * opened, then every level is opened relative to the one above with O_NOFOLLOW and emptied with {@code unlinkat}.
     * A link (also one swapped in for a directory meanwhile) is removed as a link or not at all, never entered.
     */
    static void deleteTree(Path root) {
        Path parent = root.toAbsolutePath().getParent();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
            if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
                throw new IOException("this platform cannot delete relative to an opened directory (no openat)");
            }
            deleteEntry(secure, root.getFileName());
        } catch (NoSuchFileException gone) {
            // nothing to remove
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteEntry(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = parent.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException gone) {
            return;
        }
        if (!attributes.isDirectory()) {
            parent.deleteFile(name); // unlinkat(dirfd, name, 0): a link goes, its target stays
            return;
        }
        try (SecureDirectoryStream<Path> directory = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children = new ArrayList<>();
            directory.forEach(child -> children.add(child.getFileName()));
            for (Path child : children) {
                deleteEntry(directory, child);
            }
        }
        parent.deleteDirectory(name);
    }

    /** One staged script and the status file bwrap writes for it; {@link #delete()} is idempotent. */
    record Staged(Path dir, Path file, Path status) {
        void delete() {
            deleteTree(dir);
        }
    }
}

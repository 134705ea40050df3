package io.integr8s.infra.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Files and directories of the home that only their owner may read: directories 0700 and files 0600, set when they
 * are created (no window in which another user could open them), and tightened when an older version left them wider.
 */
public final class PrivateFiles {

    static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** {@code directory} as a 0700 directory: created so (its parent must exist), or tightened if it exists. */
    public static Path directory(Path directory) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            throw new IOException(directory + " is a symbolic link; integr8s keeps its data in real directories only");
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(directory, DIRECTORY);
        }
        tighten(directory);
        return directory;
    }

    /** Replaces {@code file} atomically with {@code content}, in a file that is 0600 from its creation on. */
    public static void write(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try (SeekableByteChannel channel = Files.newByteChannel(temporary,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), FILE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The text of the private {@code file}; when there is none, {@code create} makes it and it is stored 0600 under a
     * temporary name, then linked into place, never replacing a file another process stored first (both then use
     * the same value). Its directory is
     * created 0700, or tightened.
     */
    public static String readOrCreate(Path file, Supplier<String> create) throws IOException {
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        Path parent = file.getParent();
        if (Files.isDirectory(parent)) {
            tighten(parent);
        } else {
            directory(parent);
        }
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temporary);
        try (SeekableByteChannel channel = Files.newByteChannel(temporary,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), FILE)) {
            channel.write(ByteBuffer.wrap((create.get() + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException anotherWasFaster) {
            // keep theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
        return read(file).orElseThrow(() -> new IOException(file + " vanished while it was created"));
    }

    /**
     * The text of {@code file} without its line end, empty when there is none. Anything but a regular file of this
     * process's user that nobody else may read or write is refused: what it keeps may be known or replaced.
     */
    public static Optional<String> read(Path file) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file (a link or a directory?); remove it");
        }
        int owner = (int) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int me = (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (owner != me) {
            throw new IOException(file + " belongs to uid " + owner + ", not to this process's uid " + me);
        }
        Set<PosixFilePermission> open = EnumSet.copyOf(attributes.permissions());
        open.retainAll(GROUP_AND_OTHERS);
        if (!open.isEmpty()) {
            throw new IOException(file + " is open to other users (" + PosixFilePermissions.toString(attributes.permissions())
                    + "), so what it keeps may be known or replaced: remove it (a new one is generated) or chmod it to "
                    + "rw------- if you are sure nobody else used it");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer content = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
            while (content.hasRemaining() && channel.read(content) > 0) {
                // read it all
            }
            return Optional.of(new String(content.array(), 0, content.position(), StandardCharsets.UTF_8).strip());
        }
    }

    /** Takes every group and other permission off {@code path} (a link itself is left alone), if it exists. */
    public static void tighten(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (permissions.removeAll(GROUP_AND_OTHERS)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    /**
     * Fails unless no user but the owner of {@code directory} and root can write to it or to any directory above
     * it: what root executes from there must not be replaceable by anyone else. A sticky directory of theirs above it
     * (such as {@code /tmp}) is fine: there nobody can rename or remove an entry that is not theirs.
     */
    static void requireWritableOnlyByOwnerOrRoot(Path directory) throws IOException {
        Path real = directory.toRealPath();
        String owner = Files.getOwner(real).getName();
        for (Path path = real; path != null; path = path.getParent()) {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
            String pathOwner = attributes.owner().getName();
            Set<PosixFilePermission> permissions = attributes.permissions();
            boolean writableByOthers = permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE);
            boolean trustedOwner = pathOwner.equals(owner) || pathOwner.equals("root");
            if (!trustedOwner || writableByOthers && !(path != real && isSticky(path))) {
                throw new IOException(path + " (owner " + pathOwner + ", " + PosixFilePermissions.toString(permissions)
                        + ") can be written by other users; integr8s does not run programs from below it");
            }
        }
    }

    private static boolean isSticky(Path path) throws IOException {
        return ((int) Files.getAttribute(path, "unix:mode") & 01000) != 0;
    }
}

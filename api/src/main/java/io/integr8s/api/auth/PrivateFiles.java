package io.integr8s.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Small secrets kept in files only this process's user can read: new directories 0700, files 0600, each created with its
 * mode (no window with a wider one), written whole under a temporary name and then linked into place (never replacing
 * an existing file), and never reached through a symbolic link.
 */
final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> NOT_WRITABLE_BY_OTHERS = PosixFilePermissions.fromString("rwxr-xr-x");

    private PrivateFiles() {
    }

    /** The file's text; when it does not exist, {@code create} makes it, it is stored, and the stored text is returned. */
    static String readOrCreate(Path file, Supplier<String> create) {
        try {
            Optional<String> existing = read(file);
            if (existing.isPresent()) {
                return existing.get();
            }
            privateDirectory(file.getParent());
            Path temporary = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try {
                try (SeekableByteChannel channel = Files.newByteChannel(temporary, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)) {
                    channel.write(ByteBuffer.wrap((create.get() + "\n").getBytes(StandardCharsets.UTF_8)));
                }
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException anotherWasFaster) {
                // keep theirs: both processes must use the same value
            } finally {
                Files.deleteIfExists(temporary);
            }
            return read(file).orElseThrow(() -> new IllegalStateException(file + " vanished while it was created"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's text without its line end, empty when there is no such file; refuses anything but a private file. */
    static Optional<String> read(Path file) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file (a link or a directory?); remove it");
        }
        requireOwnedAndPrivate(file, attributes, OWNER_ONLY_FILE);
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer content = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
            while (content.hasRemaining() && channel.read(content) > 0) {
                // read it all
            }
            return Optional.of(new String(content.array(), 0, content.position(), StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * Creates the directory 0700 if missing; an existing one (the home, say) must be a real directory of ours that
     * nobody else can write to, so that nobody else can put or swap a file in it.
     */
    private static void privateDirectory(Path directory) throws IOException {
        Files.createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (FileAlreadyExistsException exists) {
            PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory()) {
                throw new IOException(directory + " is not a directory (a link?); remove it");
            }
            requireOwnedAndPrivate(directory, attributes, NOT_WRITABLE_BY_OTHERS);
        }
    }

    private static void requireOwnedAndPrivate(Path path, PosixFileAttributes attributes,
                                               Set<PosixFilePermission> allowed) throws IOException {
        int owner = (int) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int me = (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (owner != me) {
            throw new IOException(path + " belongs to uid " + owner + ", not to this process's uid " + me);
        }
        if (!allowed.containsAll(attributes.permissions())) {
            throw new IOException(path + " is open to other users (" + PosixFilePermissions.toString(attributes.permissions())
                    + "), so what it keeps may be known or replaced: remove it (a new secret is generated) or chmod it to "
                    + PosixFilePermissions.toString(allowed) + " if you are sure nobody else used it");
        }
    }
}

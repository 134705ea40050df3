package io.integr8s.infra.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

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
     * it: what root executes from there must not be replaceable by anyone else.
     */
    static void requireWritableOnlyByOwnerOrRoot(Path directory) throws IOException {
        Path real = directory.toRealPath();
        String owner = Files.getOwner(real).getName();
        for (Path path = real; path != null; path = path.getParent()) {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
            String pathOwner = attributes.owner().getName();
            Set<PosixFilePermission> permissions = attributes.permissions();
            if (!pathOwner.equals(owner) && !pathOwner.equals("root")
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException(path + " (owner " + pathOwner + ", " + PosixFilePermissions.toString(permissions)
                        + ") can be written by other users; integr8s does not run programs from below it");
            }
        }
    }
}

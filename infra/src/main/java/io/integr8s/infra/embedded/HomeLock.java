package io.integr8s.infra.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** An OS file lock on {@code <home>/integr8s.lock}: one process per home, so two never share the same data. */
final class HomeLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static HomeLock acquire(Path home) throws IOException {
        Path file = home.resolve("integr8s.lock");
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PrivateFiles.FILE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException(inUseMessage(home, file));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        channel.force(false);
        return new HomeLock(channel, lock);
    }

    private static String inUseMessage(Path home, Path file) {
        String owner;
        try {
            owner = "pid " + Files.readString(file).trim();
        } catch (IOException e) {
            owner = "another process";
        }
        return "The integr8s home " + home + " is in use by " + owner + " (it holds " + file + "). "
                + "Stop that process first, or give this one its own home: set INTEGR8S_HOME (or --integr8s.home) "
                + "to another directory, or set integr8s.embedded.enabled=false to use external servers.";
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}

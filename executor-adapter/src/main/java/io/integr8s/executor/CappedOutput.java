package io.integr8s.executor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains one output stream of a sandbox (a local sandbox's pipe, a pod's log) on its own thread, keeping at most {@code limit} bytes. When the stream
 * goes past the limit it calls {@code onExceeded} (which stops the run) and stops reading. Every kept byte is also
 * handed to a {@link Tap} (live output) as it is read; nothing past the limit is.
 */
public final class CappedOutput {

    /** Sees the kept bytes as they are read, on the reader thread: must not block. */
    public interface Tap {
        Tap NONE = new Tap() {
            @Override
            public void accept(byte[] bytes, int offset, int length) {
            }

            @Override
            public void end() {
            }
        };

        void accept(byte[] bytes, int offset, int length);

        /** The stream ended (closed, or cut at the limit): no more bytes follow. */
        void end();
    }

    private final String name;
    private final int limit;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile boolean exceeded;

    private CappedOutput(String name, int limit, InputStream in, Runnable onExceeded, String threadName, Tap tap) {
        this.name = name;
        this.limit = limit;
        this.reader = new Thread(() -> drain(in, onExceeded, tap), threadName);
        this.reader.setDaemon(true);
    }

    public static CappedOutput start(String name, int limit, InputStream in, Runnable onExceeded, String threadName) {
        return start(name, limit, in, onExceeded, threadName, Tap.NONE);
    }

    public static CappedOutput start(String name, int limit, InputStream in, Runnable onExceeded, String threadName, Tap tap) {
        CappedOutput output = new CappedOutput(name, limit, in, onExceeded, threadName, tap);
        output.reader.start();
        return output;
    }

    private void drain(InputStream in, Runnable onExceeded, Tap tap) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                int room = limit - captured.size();
                if (n > room) {
                    captured.write(buffer, 0, room);
                    tapSafely(tap, buffer, room);
                    exceeded = true;
                    onExceeded.run();
                    return;
                }
                captured.write(buffer, 0, n);
                tapSafely(tap, buffer, n);
            }
        } catch (IOException streamClosed) {
            // the run was killed and its pipe closed: what was read so far is the output
        } finally {
            try {
                tap.end();
            } catch (RuntimeException ignored) {
                // live output is best effort; the captured output is what counts
            }
        }
    }

    private static void tapSafely(Tap tap, byte[] buffer, int length) {
        if (length <= 0) {
            return;
        }
        try {
            tap.accept(buffer, 0, length);
        } catch (RuntimeException ignored) {
            // live output is best effort; never let it stop draining the pipe
        }
    }

    /** Waits until the stream ended (the sandbox is gone, so its pipes close) or the grace period passed. */
    public void awaitEnd(Duration grace) throws InterruptedException {
        reader.join(grace.toMillis());
    }

    public boolean exceeded() {
        return exceeded;
    }

    /** The captured bytes as UTF-8 (invalid sequences replaced), with a marker line if the limit cut it off. */
    public String text() {
        String text = captured.toString(StandardCharsets.UTF_8);
        return exceeded ? text + "\n[output truncated: " + name + " exceeded " + limit + " bytes]" : text;
    }
}

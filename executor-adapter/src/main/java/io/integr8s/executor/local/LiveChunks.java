package io.integr8s.executor.local;

import io.integr8s.executor.CappedOutput;
import io.integr8s.executor.LiveOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run's live output: both streams' readers append what they read (never blocking, see {@link CappedOutput.Tap});
 * a shared background thread hands it to {@link LiveOutput} in chunks of at most {@link LiveOutput#MAX_CHUNK_BYTES}
 * bytes, at most {@link LiveOutput#MAX_CHUNKS_PER_SECOND} chunks per second for the whole run. Between two chunks,
 * reads are merged. The first chunk goes out at once, so a single line is seen without delay. Chunks are cut at UTF-8
 * character boundaries (an incomplete character waits for its remaining bytes, unless the stream ended). The readers
 * stop at the output limit, so the bytes waiting here are bounded by it; what waits when the run ends still goes out,
 * at the same rate.
 */
final class LiveChunks {

    private static final Logger log = LoggerFactory.getLogger(LiveChunks.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1) / LiveOutput.MAX_CHUNKS_PER_SECOND;

    /** One thread for all runs: a chunk is a small non-blocking hand-over (the API publishes it asynchronously). */
    private static final ScheduledExecutorService SHARED = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sandbox-live-output");
        thread.setDaemon(true);
        return thread;
    });

    private final LiveOutput sink;
    private final String executionId;
    private final ScheduledExecutorService scheduler;
    private final Stream stdout = new Stream("stdout");
    private final Stream stderr = new Stream("stderr");
    /** Guarded by this: when the next chunk may go out, and whether a flush is scheduled. */
    private long nextAllowedNanos;
    private boolean scheduled;
    private int chunks;

    LiveChunks(LiveOutput sink, String executionId) {
        this(sink, executionId, SHARED);
    }

    LiveChunks(LiveOutput sink, String executionId, ScheduledExecutorService scheduler) {
        this.sink = sink;
        this.executionId = executionId;
        this.scheduler = scheduler;
        this.nextAllowedNanos = System.nanoTime() - INTERVAL_NANOS;
    }

    CappedOutput.Tap stdout() {
        return stdout;
    }

    CappedOutput.Tap stderr() {
        return stderr;
    }

    synchronized int chunksSent() {
        return chunks;
    }

    private void flush() {
        Stream from;
        long offset;
        byte[] bytes;
        synchronized (this) {
            scheduled = false;
            from = oldestEmittable();
            if (from == null) {
                return;
            }
            offset = from.offset;
            bytes = from.take(from.emittable());
            chunks++;
            nextAllowedNanos = System.nanoTime() + INTERVAL_NANOS;
            scheduleLocked();
        }
        try {
            sink.chunk(executionId, from.name, offset, new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.debug("Live output of execution {} was not delivered: {}", executionId, e.toString());
        }
    }

    private Stream oldestEmittable() {
        boolean out = stdout.emittable() > 0;
        boolean err = stderr.emittable() > 0;
        if (out && err) {
            return stdout.since - stderr.since <= 0 ? stdout : stderr;
        }
        return out ? stdout : err ? stderr : null;
    }

    private void scheduleLocked() {
        if (scheduled || oldestEmittable() == null) {
            return;
        }
        scheduled = true;
        try {
            scheduler.schedule(this::flush, Math.max(0, nextAllowedNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            scheduled = false;
        }
    }

    /** The bytes of one stream not sent yet. All state is guarded by the enclosing {@link LiveChunks}. */
    private final class Stream implements CappedOutput.Tap {

        private final String name;
        private byte[] pending = new byte[0];
        private int length;
        /** Offset in the stream of pending[0]. */
        private long offset;
        /** When the oldest pending byte arrived. */
        private long since;
        private boolean ended;

        Stream(String name) {
            this.name = name;
        }

        @Override
        public void accept(byte[] bytes, int from, int count) {
            synchronized (LiveChunks.this) {
                if (ended || count <= 0 || sink == LiveOutput.NONE) {
                    return;
                }
                if (length == 0) {
                    since = System.nanoTime();
                }
                if (length + count > pending.length) {
                    pending = Arrays.copyOf(pending, Math.max(length + count, Math.max(1024, pending.length * 2)));
                }
                System.arraycopy(bytes, from, pending, length, count);
                length += count;
                scheduleLocked();
            }
        }

        @Override
        public void end() {
            synchronized (LiveChunks.this) {
                ended = true;
                scheduleLocked();
            }
        }

        /** How many bytes the next chunk of this stream takes: at most the chunk size, never half a character. */
        int emittable() {
            int n = Math.min(length, LiveOutput.MAX_CHUNK_BYTES);
            if (n == 0 || ended && n == length) {
                return n;
            }
            return characterBoundary(pending, n);
        }

        byte[] take(int n) {
            byte[] chunk = Arrays.copyOf(pending, n);
            System.arraycopy(pending, n, pending, 0, length - n);
            length -= n;
            offset += n;
            if (length == 0 && pending.length > 64 * 1024) {
                pending = new byte[0];
            }
            since = System.nanoTime();
            return chunk;
        }
    }

    /**
     * The largest cut ≤ {@code n} that does not split a UTF-8 character whose lead byte is among the last four of
     * {@code bytes[0, n)}; invalid bytes are not waited for (they decode as U+FFFD anyway).
     */
    static int characterBoundary(byte[] bytes, int n) {
        for (int i = n - 1; i >= Math.max(0, n - 4); i--) {
            int b = bytes[i] & 0xff;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for its lead byte
            }
            int size = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return i + size > n ? i : n;
        }
        return n;
    }
}

package io.integr8s.executor;

/**
 * Where a running sandbox's output goes while it runs (the API relays it to the execution's SSE stream). Calls are
 * already coalesced and rate-limited by the backend (at most {@value #MAX_CHUNK_BYTES} bytes per chunk, at most
 * {@value #MAX_CHUNKS_PER_SECOND} chunks per second per run, nothing past the output limit) and come from one
 * background thread, never from the thread that drains the sandbox's pipe: an implementation should still not block
 * for long, because every run's chunks share that thread. Best effort: the stored result keeps the whole output.
 */
public interface LiveOutput {

    int MAX_CHUNK_BYTES = 8 * 1024;
    int MAX_CHUNKS_PER_SECOND = 10;

    /** Discards live output (the default when nothing else is configured). */
    LiveOutput NONE = (executionId, stream, offset, text) -> {
    };

    /**
     * @param stream "stdout" or "stderr"
     * @param offset byte offset of the chunk's first byte in that stream
     * @param text   the chunk's bytes as UTF-8 (invalid sequences replaced; chunks are cut at character boundaries)
     */
    void chunk(String executionId, String stream, long offset, String text);
}

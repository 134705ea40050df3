package io.integr8s.api.stream;

import java.time.Instant;

/**
 * A piece of a running script's output, relayed live and never stored (the result keeps the whole output).
 *
 * @param stream "stdout" or "stderr"
 * @param offset byte offset of the chunk's first byte in that stream
 * @param data   the bytes as UTF-8 text (invalid sequences replaced)
 */
public record OutputChunk(String executionId, Instant timestamp, String stream, long offset, String data)
        implements RelayedMessage {

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    public OutputChunk {
        if (!STDOUT.equals(stream) && !STDERR.equals(stream)) {
            throw new IllegalArgumentException("An output chunk's stream is stdout or stderr, not '" + stream + "'");
        }
        if (executionId == null || offset < 0 || data == null || timestamp == null) {
            throw new IllegalArgumentException("An output chunk needs an execution id, a timestamp, data and an offset ≥ 0");
        }
    }
}

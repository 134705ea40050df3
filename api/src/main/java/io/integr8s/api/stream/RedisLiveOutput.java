package io.integr8s.api.stream;

import io.integr8s.executor.LiveOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Live output of running sandboxes onto the execution's Redis channel, next to its relayed lifecycle events, so every
 * API instance's SSE clients of that execution see it. Publishing is asynchronous: the executor's live-output thread
 * never waits for Redis. Best effort: a chunk that cannot be published is dropped (the result keeps the whole output).
 */
@Component
public class RedisLiveOutput implements LiveOutput {

    private static final Logger log = LoggerFactory.getLogger(RedisLiveOutput.class);

    private final ExecutionChannels channels;
    private final RelayCodec codec;

    public RedisLiveOutput(ExecutionChannels channels, RelayCodec codec) {
        this.channels = channels;
        this.codec = codec;
    }

    @Override
    public void chunk(String executionId, String stream, long offset, String text) {
        String message = codec.encode(new OutputChunk(executionId, Instant.now(), stream, offset, text));
        channels.of(executionId).publishAsync(message).whenComplete((receivers, error) -> {
            if (error != null) {
                log.debug("Live output of execution {} was not published: {}", executionId, error.toString());
            }
        });
    }
}

package io.integr8s.api.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.execution.ExecutionResultResponse;
import io.integr8s.command.execution.api.ExecutionStatus;

import java.time.Instant;

/**
 * {@code event_type: "output_chunk"}: live output of a running script, beyond the contract's event types (clients that
 * switch on the known types ignore it). The contract's fields are present and null; no {@code id:} line is sent (chunks
 * are not stored, so {@code Last-Event-ID} resumption stays by stored sequence).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SseOutputChunk(String eventType,
                             String executionId,
                             Instant timestamp,
                             String eventId,
                             ExecutionStatus status,
                             ExecutionResultResponse result,
                             String stream,
                             String data,
                             long offset) implements SseMessage {

    public static final String OUTPUT_CHUNK = "output_chunk";

    static SseOutputChunk of(OutputChunk chunk) {
        return new SseOutputChunk(OUTPUT_CHUNK, chunk.executionId(), chunk.timestamp(), null, null, null,
                chunk.stream(), chunk.data(), chunk.offset());
    }
}

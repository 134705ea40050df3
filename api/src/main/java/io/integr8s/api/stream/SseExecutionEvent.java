package io.integr8s.api.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.api.execution.ExecutionResultResponse;
import io.integr8s.command.execution.api.ExecutionStatus;

import java.time.Instant;

/** One {@code data:} message of an execution's SSE stream, every field present as the contract requires. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SseExecutionEvent(String eventType,
                                String executionId,
                                Instant timestamp,
                                String eventId,
                                ExecutionStatus status,
                                ExecutionResultResponse result) implements SseMessage {

    public static final String STATUS = "status";
    public static final String RESULT_STORED = "result_stored";

    @Override
    public boolean closesStream() {
        return RESULT_STORED.equals(eventType);
    }
}

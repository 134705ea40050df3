package io.integr8s.api.stream;

import java.time.Instant;
import java.util.List;

/** Turns a stored event, seen against the story so far, into the SSE messages the contract names. */
final class SseEventMapper {

    private SseEventMapper() {
    }

    static List<StreamedEvent> map(ExecutionEventEnvelope event, ExecutionStory storySoFar) {
        return LifecycleNames.of(event.payload()).stream()
                .map(name -> new StreamedEvent(event.sequence(), new SseExecutionEvent(name, event.executionId(),
                        event.timestamp(), event.eventId(), null,
                        SseExecutionEvent.RESULT_STORED.equals(name) ? storySoFar.resultResponse() : null)))
                .toList();
    }

    static StreamedEvent status(String executionId, ExecutionStory story) {
        return new StreamedEvent(null, new SseExecutionEvent(SseExecutionEvent.STATUS, executionId, Instant.now(),
                null, story.status(), null));
    }
}

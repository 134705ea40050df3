package io.integr8s.api.stream;

/** An SSE message with the history position it came from ({@code id:} line); control messages have none. */
public record StreamedEvent(Long sequence, SseExecutionEvent event) {
}

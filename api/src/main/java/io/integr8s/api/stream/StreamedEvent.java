package io.integr8s.api.stream;

/** An SSE message with the history position it came from ({@code id:} line); control messages and output chunks have none. */
public record StreamedEvent(Long sequence, SseMessage event) {
}

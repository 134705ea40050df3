package io.integr8s.api.stream;

/**
 * An SSE message with its {@code id:} line ({@link SseEventMapper#idOf}); the {@code status} message and output chunks
 * have none (they are not stored, so no reconnection could resume after them).
 */
public record StreamedEvent(Long id, SseMessage event) {
}

package io.integr8s.api.stream;

/** One {@code data:} message of an execution's SSE stream: a lifecycle event of the contract, or a live output chunk. */
public interface SseMessage {

    String eventType();

    /** Whether the server ends the stream after this message. */
    default boolean closesStream() {
        return false;
    }
}

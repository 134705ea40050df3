package io.integr8s.api.stream;

/**
 * What travels on an execution's Redis channel: a stored lifecycle event ({@link ExecutionEventEnvelope}) or a piece
 * of a running script's output ({@link OutputChunk}, never stored).
 */
public sealed interface RelayedMessage permits ExecutionEventEnvelope, OutputChunk {

    String executionId();
}

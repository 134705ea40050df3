package io.integr8s.command.execution.api;

/** Every terminal event of an execution: after one of these nothing about the run changes any more. */
public sealed interface ExecutionEnded permits ExecutionCompleted, ExecutionFailed, ExecutionTimedOut, ExecutionCancelled {
    String executionId();

    String ownerId();
}

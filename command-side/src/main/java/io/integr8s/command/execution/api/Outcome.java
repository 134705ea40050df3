package io.integr8s.command.execution.api;

/** How a run ended, as the executor reports it. */
public enum Outcome {
    /** The script ran to its end; any exit code. */
    COMPLETED,
    /** A limit or a system error stopped it. */
    FAILED,
    /** The wall-clock limit stopped it. */
    TIMED_OUT
}

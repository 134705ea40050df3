package io.integr8s.replay;

/** The command could not do its job; the message says what went wrong and what to do about it. Exit code 1. */
public class ToolFailure extends Exception {

    public ToolFailure(String message) {
        super(message);
    }

    public ToolFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.integr8s.command.execution.api;

/** The request itself is unacceptable (unknown runtime, script too long); {@code field} names the culprit. */
public class InvalidExecutionRequest extends RuntimeException {

    private final String field;
    private final Object input;

    public InvalidExecutionRequest(String field, Object input, String message) {
        super(message);
        this.field = field;
        this.input = input;
    }

    public String field() {
        return field;
    }

    public Object input() {
        return input;
    }
}

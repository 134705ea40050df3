package io.integr8s.query.execution;

/** No execution with this id in the read model; the message is the contract's 404 detail. */
public class ExecutionNotFound extends RuntimeException {

    private final String executionId;

    public ExecutionNotFound(String executionId) {
        super("Execution '" + executionId + "' not found");
        this.executionId = executionId;
    }

    public String executionId() {
        return executionId;
    }
}

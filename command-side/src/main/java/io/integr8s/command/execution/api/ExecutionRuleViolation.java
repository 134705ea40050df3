package io.integr8s.command.execution.api;

/**
 * A command broke a rule of the execution lifecycle. {@code type} is a stable name that clients may match on;
 * the message tells a person what happened and what to do.
 */
public class ExecutionRuleViolation extends RuntimeException {

    private final String type;

    public ExecutionRuleViolation(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }

    public static ExecutionRuleViolation alreadyEnded(String executionId, ExecutionStatus status, String action) {
        return new ExecutionRuleViolation("ExecutionAlreadyEnded",
                "Cannot " + action + " execution '" + executionId + "': it already ended with status '"
                        + status.wireName() + "'");
    }

    public static ExecutionRuleViolation sandboxAlreadyCreated(String executionId) {
        return new ExecutionRuleViolation("SandboxAlreadyCreated",
                "A sandbox was already created for execution '" + executionId + "'; it runs once only");
    }

    public static ExecutionRuleViolation wrongState(String executionId, ExecutionStatus status, String action) {
        return new ExecutionRuleViolation("InvalidExecutionState",
                "Cannot " + action + " execution '" + executionId + "' while it is '" + status.wireName() + "'");
    }
}

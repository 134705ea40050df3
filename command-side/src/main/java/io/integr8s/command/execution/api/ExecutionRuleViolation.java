package io.integr8s.command.execution.api;

import io.integr8s.command.rule.RuleViolation;

/** A command broke a rule of the execution lifecycle. */
public class ExecutionRuleViolation extends RuleViolation {

    public ExecutionRuleViolation(String type, String message) {
        super(type, message);
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

    public static ExecutionRuleViolation notQueued(String executionId, ExecutionStatus status) {
        return new ExecutionRuleViolation("ExecutionNotQueued",
                "Cannot change the priority of execution '" + executionId + "' while it is '" + status.wireName()
                        + "': only a queued execution waits for admission; submit a new one to run it again");
    }

    public static ExecutionRuleViolation wrongState(String executionId, ExecutionStatus status, String action) {
        return new ExecutionRuleViolation("InvalidExecutionState",
                "Cannot " + action + " execution '" + executionId + "' while it is '" + status.wireName() + "'");
    }
}

package io.integr8s.command.rule;

/**
 * A command broke a rule of an aggregate. {@code type} is a stable name that clients may match on; the message tells
 * a person what happened and what to do.
 */
public abstract class RuleViolation extends RuntimeException {

    private final String type;

    protected RuleViolation(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }
}

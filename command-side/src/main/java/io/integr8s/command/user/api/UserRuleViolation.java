package io.integr8s.command.user.api;

/** A command broke a rule of user accounts; {@code type} is stable for clients, the message says what to do. */
public class UserRuleViolation extends RuntimeException {

    private final String type;

    public UserRuleViolation(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }

    public static UserRuleViolation deleted(String userId) {
        return new UserRuleViolation("UserNotFoundError", "User '" + userId + "' not found");
    }
}

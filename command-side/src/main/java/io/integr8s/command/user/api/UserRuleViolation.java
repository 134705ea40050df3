package io.integr8s.command.user.api;

import io.integr8s.command.rule.RuleViolation;

/** A command broke a rule of user accounts. */
public class UserRuleViolation extends RuleViolation {

    public UserRuleViolation(String type, String message) {
        super(type, message);
    }

    public static UserRuleViolation deleted(String userId) {
        return new UserRuleViolation("UserNotFoundError", "User '" + userId + "' not found");
    }
}

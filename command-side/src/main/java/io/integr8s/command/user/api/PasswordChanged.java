package io.integr8s.command.user.api;

public record PasswordChanged(String userId, String passwordHash, String changedBy) {
}

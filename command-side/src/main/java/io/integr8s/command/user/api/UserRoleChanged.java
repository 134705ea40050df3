package io.integr8s.command.user.api;

public record UserRoleChanged(String userId, UserRole previousRole, UserRole role, String changedBy) {
}

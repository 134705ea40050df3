package io.integr8s.api.user;

import io.integr8s.command.user.api.UserRole;

/** Fields to change on an account; null leaves a field as it is. */
public record ProfileChange(String username, String email, UserRole role, Boolean active, String password) {
}

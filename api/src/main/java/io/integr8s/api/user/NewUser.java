package io.integr8s.api.user;

import io.integr8s.command.user.api.UserRole;

/** An account to create; the password is plain here and hashed before any command carries it. */
public record NewUser(String username, String email, String password, UserRole role, boolean active) {
}

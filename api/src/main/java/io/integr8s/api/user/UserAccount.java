package io.integr8s.api.user;

import io.integr8s.command.user.api.UserRole;

import java.time.Instant;

/** One row of the user directory: the current state of an account, including what sign-in needs. */
public record UserAccount(String userId, String username, String email, String passwordHash, UserRole role,
                          boolean active, int sessionGeneration, Instant createdAt, Instant updatedAt) {

    public CurrentUser asCurrentUser() {
        return new CurrentUser(userId, username, role);
    }
}

package io.integr8s.command.user.api;

/** An account was created by {@code registeredBy} (the user's own id when they registered themselves). */
public record UserRegistered(String userId, String username, String email, String passwordHash, UserRole role,
                             boolean active, String registeredBy) {
}

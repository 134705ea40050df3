package io.integr8s.api.auth;

/** The contract's UserCreate as sent to register: role and is_active are ignored there (a plain active user). */
public record RegisterRequest(String username, String email, String password) {
}

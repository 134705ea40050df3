package io.integr8s.api.user;

/** Who sends a request. Until the identity issue lands every request acts as the configured local user. */
public record CurrentUser(String id, String username) {
}

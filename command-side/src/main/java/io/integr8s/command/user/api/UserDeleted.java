package io.integr8s.command.user.api;

/** The account is gone; its history stays in the event store for audit. */
public record UserDeleted(String userId, String username, String deletedBy, String reason, boolean cascade) {
}

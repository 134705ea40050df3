package io.integr8s.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a new password (already hashed); every session of the user ends. */
public record ChangePassword(@TargetAggregateIdentifier String userId, String passwordHash, String changedBy) {
}

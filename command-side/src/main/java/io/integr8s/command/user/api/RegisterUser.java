package io.integr8s.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates an account. {@code passwordHash} is already hashed; plain passwords never enter a message. */
public record RegisterUser(@TargetAggregateIdentifier String userId, String username, String email, String passwordHash,
                           UserRole role, boolean active, String registeredBy) {
}

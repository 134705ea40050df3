package io.integr8s.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes an account; with {@code cascade} its executions leave the read models too (their events stay for audit). */
public record DeleteUser(@TargetAggregateIdentifier String userId, String deletedBy, String reason, boolean cascade) {
}

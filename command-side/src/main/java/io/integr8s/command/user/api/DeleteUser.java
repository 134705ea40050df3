package io.integr8s.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteUser(@TargetAggregateIdentifier String userId, String deletedBy, String reason) {
}

package io.integr8s.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeUserRole(@TargetAggregateIdentifier String userId, UserRole role, String changedBy) {
}

package io.integr8s.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the given profile fields; null means unchanged. */
public record UpdateUserProfile(@TargetAggregateIdentifier String userId, String username, String email, Boolean active,
                                String updatedBy) {
}

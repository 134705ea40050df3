package io.integr8s.command.user.api;

import java.util.List;

/** Profile fields changed; {@code changedFields} names them, the others carry their current values. */
public record UserProfileUpdated(String userId, String username, String email, boolean active, List<String> changedFields,
                                 String updatedBy) {
}

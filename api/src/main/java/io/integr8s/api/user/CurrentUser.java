package io.integr8s.api.user;

import io.integr8s.command.user.api.UserRole;

/** Who sends a request, as resolved from its session cookie or bearer token. */
public record CurrentUser(String id, String username, UserRole role) {

    public boolean isAdmin() {
        return role == UserRole.ADMIN;
    }

    /** The ownership rule every owner-scoped resource follows: its owner, or an admin. */
    public boolean mayAccessOwnedBy(String ownerId) {
        return isAdmin() || id.equals(ownerId);
    }
}

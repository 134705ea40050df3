package io.integr8s.api.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.command.user.api.UserRole;

import java.util.List;

/** Bodies of the admin user operations, as the contract names them. */
final class AdminUserRequests {

    private AdminUserRequests() {
    }

    /** UserCreate: an admin may choose the role and whether the account is active. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateUser(String username, String email, UserRole role, Boolean isActive, String password) {

        NewUser asNewUser() {
            return new NewUser(username, email, password, role == null ? UserRole.USER : role, isActive == null || isActive);
        }
    }

    /** UserUpdate: every field optional. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateUser(String username, String email, UserRole role, Boolean isActive, String password) {

        ProfileChange asChange() {
            return new ProfileChange(username, email, role, isActive, password);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PasswordReset(String newPassword) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserList(List<UserResponse> users, long total, int offset, int limit) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Deleted(boolean userDeleted, long executions, long savedScripts, long notifications, long userSettings,
                   long events, long sagas) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Unlocked(String userId, String message) {
    }

    record Message(String message) {
    }
}

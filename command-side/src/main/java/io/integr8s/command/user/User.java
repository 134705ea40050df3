package io.integr8s.command.user;

import io.integr8s.command.user.api.ChangePassword;
import io.integr8s.command.user.api.ChangeUserRole;
import io.integr8s.command.user.api.DeleteUser;
import io.integr8s.command.user.api.PasswordChanged;
import io.integr8s.command.user.api.RegisterUser;
import io.integr8s.command.user.api.UpdateUserProfile;
import io.integr8s.command.user.api.UserDeleted;
import io.integr8s.command.user.api.UserProfileUpdated;
import io.integr8s.command.user.api.UserRegistered;
import io.integr8s.command.user.api.UserRole;
import io.integr8s.command.user.api.UserRoleChanged;
import io.integr8s.command.user.api.UserRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user account. Every change says who made it, so the account's history is its audit trail. Uniqueness of
 * usernames and e-mail addresses spans accounts; the user directory enforces it in the same transaction.
 */
public class User {

    @AggregateIdentifier
    private String userId;
    private String username;
    private String email;
    private boolean active;
    private UserRole role;
    private boolean deleted;

    protected User() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public User(RegisterUser command) {
        require(command.username() != null && !command.username().isBlank(), "username", "The username is empty");
        require(command.email() != null && !command.email().isBlank(), "email", "The e-mail address is empty");
        require(command.passwordHash() != null && !command.passwordHash().isBlank(), "password", "The password is empty");
        apply(new UserRegistered(command.userId(), command.username(), command.email(), command.passwordHash(),
                command.role() == null ? UserRole.USER : command.role(), command.active(), command.registeredBy()));
    }

    @CommandHandler
    public void handle(UpdateUserProfile command) {
        requireExisting();
        List<String> changed = new ArrayList<>();
        String newUsername = changedValue(username, command.username(), "username", changed);
        String newEmail = changedValue(email, command.email(), "email", changed);
        boolean newActive = changedValue(active, command.active(), "is_active", changed);
        if (!changed.isEmpty()) {
            apply(new UserProfileUpdated(userId, newUsername, newEmail, newActive, List.copyOf(changed), command.updatedBy()));
        }
    }

    @CommandHandler
    public void handle(ChangeUserRole command) {
        requireExisting();
        if (command.role() != null && command.role() != role) {
            apply(new UserRoleChanged(userId, role, command.role(), command.changedBy()));
        }
    }

    @CommandHandler
    public void handle(ChangePassword command) {
        requireExisting();
        require(command.passwordHash() != null && !command.passwordHash().isBlank(), "password", "The password is empty");
        apply(new PasswordChanged(userId, command.passwordHash(), command.changedBy()));
    }

    @CommandHandler
    public void handle(DeleteUser command) {
        requireExisting();
        apply(new UserDeleted(userId, username, command.deletedBy(), command.reason(), command.cascade()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        username = event.username();
        email = event.email();
        role = event.role();
        active = event.active();
    }

    @EventSourcingHandler
    void on(UserProfileUpdated event) {
        username = event.username();
        email = event.email();
        active = event.active();
    }

    @EventSourcingHandler
    void on(UserRoleChanged event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(UserDeleted event) {
        deleted = true;
    }

    private void requireExisting() {
        if (deleted) {
            throw UserRuleViolation.deleted(userId);
        }
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new UserRuleViolation("InvalidUser", message + "; send a value for '" + field + "'");
        }
    }

    private static <T> T changedValue(T current, T requested, String field, List<String> changed) {
        if (requested == null || Objects.equals(current, requested)) {
            return current;
        }
        if (requested instanceof String text && text.isBlank()) {
            throw new UserRuleViolation("InvalidUser", "The " + field + " is empty; send a value or leave it out");
        }
        changed.add(field);
        return requested;
    }
}
